# A tour of Ouro: each section shows one mechanism of the runtime at work.
# Run it with `make run` (or build/ouro examples/tour.py).

print("== 1. Everything is an object")
def greet(name):
    return f"Hello, {name}"
print(type(greet).__name__, greet.__name__, greet.__code__.co_varnames)
print(type(42), type(int), type(type), type(type) is type)
print(isinstance(42, object), isinstance(int, object), isinstance(type, type))

print("== 2. Names are labels")
a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b)
x, y = 100, 100
print("small ints are shared:", x is y)

print("== 3. Code objects and the stack VM")
def add(p, q):
    return p + q
code = add.__code__
print(code.co_name, code.co_varnames, code.co_argcount, code.co_consts)
print("bytecode words:", len(code.co_code) // 4)

print("== 4. Numbers")
print(2 ** 100, -7 // 2, -7 % 2, 7 / 2, 0.1 + 0.2, 1e16, divmod(-17, 5))

print("== 5. Strings and containers")
s = "Ouro ☯"
print(s.upper(), len(s), s[::-1], f"{3.14159:.3f}", "-".join(["a", "b"]))
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, sorted(d), {n * n for n in range(5)}, [i for i in range(10) if i % 3 == 0])

print("== 6. Functions, closures and cells")
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter()
print(c(), c(), c.__code__.co_freevars, c.__closure__[0].cell_contents)

print("== 7. Classes, MRO and super()")
class A:
    def who(self): return ["A"]
class B(A):
    def who(self): return ["B"] + super().who()
class C(A):
    def who(self): return ["C"] + super().who()
class D(B, C):
    def who(self): return ["D"] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])

print("== 8. Generators")
def fib():
    p, q = 0, 1
    while True:
        yield p
        p, q = q, p + q
g = fib()
print([next(g) for _ in range(10)])

print("== 9. Exceptions")
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("bad value") from e
except ValueError as e:
    print(repr(e), "caused by", repr(e.__cause__))

print("== 10. Context managers")
class Managed:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True
with Managed():
    raise KeyError("suppressed")
print("done")
