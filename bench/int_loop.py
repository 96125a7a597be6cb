# Integer arithmetic in a tight loop.
def run(n):
    total = 0
    i = 0
    while i < n:
        total += (i * 7 + 3) % 11 - (i >> 2)
        i += 1
    return total
print(run(3_000_000))
