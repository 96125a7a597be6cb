for n in range(-2, 3):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    else:
        print(n, "positive")
i = 0
while i < 10:
    i += 1
    if i % 2: continue
    if i > 6: break
    print("even", i)
else:
    print("not reached")
for i in range(3):
    pass
else:
    print("for-else ran", i)
for x in []:
    print("never")
else:
    print("empty for-else")
for i, ch in enumerate("abc"):
    for j in range(3):
        if j == i: break
    else:
        print("inner else", i)
    print(i, ch, j)
n = 0
while True:
    n += 1
    if n == 5: break
print("n", n)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for k in {'x': 1, 'y': 2}: print(k)
for (a, *rest) in ["abc", "de"]: print(a, rest)
