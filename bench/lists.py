# List append, index, slicing, sorting, comprehensions.
def run(n):
    lst = []
    for i in range(n):
        lst.append((i * 7919) % 10007)
    s = sorted(lst)
    total = sum(s[::100])
    sq = [x * x for x in lst if x % 3 == 0]
    for i in range(0, len(lst) - 1, 2):
        lst[i], lst[i + 1] = lst[i + 1], lst[i]
    return total + len(sq) + lst[10] + max(sq)
print(run(1_500_000))
