def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(), c2())
print(c1.__code__.co_freevars, make_counter.__code__.co_cellvars)
print(type(c1.__closure__[0]).__name__, c1.__closure__[0].cell_contents)
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer())
def lgb():
    return x
print(lgb())
def setglobal():
    global x
    x = "changed"
setglobal()
print(x)
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def shared():
    v = 1
    def get(): return v
    def put(n):
        nonlocal v
        v = n
    return get, put
get, put = shared()
put(42)
print(get())
def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            return a + b
        return l2
    return l1()()
print(deep())
class Scope:
    y = 10
    z = [y for _ in range(1)] if False else None
    def method(self):
        try:
            return y
        except NameError as e:
            return str(e)
print(Scope().method())
