t = (1, 2, 3, 2)
print(t, t[1], t[-1], t[1:3], t.count(2), t.index(3), len(t), t + (4,), t * 2, 2 in t)
print(tuple("abc"), tuple(range(3)), tuple(), (1,) == (1,), (1, 2) < (1, 3))
print(hash((1, 2)), hash((1, 2)) == hash((1, 2)), hash(()), hash((1, (2, 3))))
a, b = 1, 2
a, b = b, a
print(a, b)
r = range(10)
print(r, len(r), r[3], r[-1], r[2:8:2], list(r[::-3]), 5 in r, 10 in r, r.index(4), r.count(3))
print(list(range(5, 0, -1)), list(range(0)), list(range(-3, 3)), range(0, 10, 3)[-1])
big = range(10**20)
print(len(range(10**10)), big[10**19], 10**19 in big, big[-1])
print(range(0, 5) == range(0, 5), range(0) == range(5, 2), list(reversed(range(4))))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
for i in range(3, 12, 4):
    print(i, end=" ")
print()
