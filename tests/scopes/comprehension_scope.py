i = "outer"
print([i for i in range(3)], i)
print({i: i for i in "ab"}, i)
print(list(i for i in (1, 2)), i)
def f():
    data = [1, 2, 3]
    return [x * k for x in data for k in (1, 10)]
print(f())
def g():
    y = 5
    return [y + z for z in range(3)]
print(g())
class C:
    vals = [1, 2]
    doubled = [v * 2 for v in vals]
print(C.doubled)
gen = (n for n in range(3))
print(sum(gen), sum(gen))
print([(a, b) for a in range(3) if a for b in range(a)])
