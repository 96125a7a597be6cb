def f(a, b, c=3): pass
def g(*, k): pass
def h(a, /, b): pass
tests = [
    lambda: f(),
    lambda: f(1),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=4),
    lambda: f(1, 2, a=1),
    lambda: g(),
    lambda: g(1),
    lambda: h(a=1, b=2),
    lambda: (lambda: 0)(1),
    lambda: len(),
    lambda: len(1, 2),
    lambda: int(x=1),
    lambda: f(*1),
    lambda: f(**1),
    lambda: f(1, **{'a': 2}),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
