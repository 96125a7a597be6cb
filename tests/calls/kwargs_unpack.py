def f(*args, **kwargs):
    return args, dict(sorted(kwargs.items()))
a = [1, 2]
b = (3,)
c = {'x': 1}
d = {'y': 2}
print(f(*a, *b, **c, **d))
print(f(0, *a, 9, *b, k=1, **c))
print(f(**{'a': 1}, b=2))
print(f(*"xy", *range(2)))
def g(a, b, c): return a + b + c
print(g(*[1, 2, 3]), g(1, *[2, 3]), g(*[1], **{'b': 2, 'c': 3}))
try:
    f(**c, **c)
except TypeError as e:
    print("TypeError:", e)
try:
    g(1, **{'a': 2, 'b': 3, 'c': 4})
except TypeError as e:
    print("TypeError:", e)
