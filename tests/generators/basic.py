def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)))
g = count_up(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(next(e), e.send(1), e.send("x"))
def ret():
    yield 1
    return "result"
r = ret(); next(r)
try:
    next(r)
except StopIteration as s:
    print("value", s.value)
def delegate():
    x = yield from ret()
    yield x
print(list(delegate()))
def inner():
    yield 1; yield 2
def outer():
    yield 0
    yield from inner()
    yield from [3, 4]
print(list(outer()))
def closer():
    try:
        yield 1
    finally:
        print("cleanup")
c = closer(); next(c); c.close()
def catcher():
    while True:
        try:
            yield
        except ValueError as v:
            print("caught", v)
ct = catcher(); next(ct); ct.throw(ValueError("thrown"))
print(type(count_up(1)).__name__, iter(g) is g)
squares = (x * x for x in range(5))
print(next(squares), list(squares))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)
