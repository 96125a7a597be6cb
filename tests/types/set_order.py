print({5, 3, 9, 1, 7}, {100, 200, 300}, {-1, -5, 3}, {2**40, 1, 2**33})
s = set()
for i in range(30, 0, -3):
    s.add(i)
print(s)
print(set(range(100, 0, -7)))
print({1.5, 2.5, 0.5, 3.0}, {(1, 2), (0, 1), (2, 3)})
t = set(range(50))
for i in range(0, 50, 3):
    t.discard(i)
print(t)
print({1, 2, 3} | {10, 20}, {8, 9} ^ {9, 1}, frozenset(range(10, 0, -1)))
