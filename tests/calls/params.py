def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(*[1, 2, 3], **{'c': 0, 'z': 1}))
def pos(a, b, /, c, *, d):
    return a, b, c, d
print(pos(1, 2, 3, d=4), pos(1, 2, c=3, d=4))
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults(), defaults([0]))
print(defaults.__defaults__)
def kwonly(*, k=1): return k
print(kwonly(), kwonly(k=5), kwonly.__kwdefaults__)
def star(*a): return a
print(star(), star(1), star(*range(3), 9, *"ab"))
def dstar(**k): return k
print(dstar(), dstar(x=1, **{'y': 2}, z=3))
print((lambda x, y=1: x + y)(1), (lambda *a, **k: (a, k))(1, b=2))
def nested_call(x): return x * 2
print(nested_call(nested_call(nested_call(1))))
print(f(1, c=1) == f(a=1, c=1))
