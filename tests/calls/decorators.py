def trace(fn):
    def wrapper(*a, **k):
        print("call", fn.__name__, a, k)
        return fn(*a, **k)
    return wrapper
@trace
def add(x, y): return x + y
print(add(1, y=2))
def repeat(n):
    def deco(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return deco
@repeat(3)
def hi(name): return "hi " + name
print(hi("bob"))
def d1(f): return lambda: "d1(" + f() + ")"
def d2(f): return lambda: "d2(" + f() + ")"
@d1
@d2
def base(): return "base"
print(base())
class CountCalls:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0
    def __call__(self, *a):
        self.calls += 1
        return self.fn(*a)
@CountCalls
def sq(x): return x * x
print(sq(3), sq(4), sq.calls)
def register(cls):
    cls.registered = True
    return cls
@register
class K: pass
print(K.registered)
