def greet(name):
    "Say hello."
    return f"Hello, {name}"
print(greet.__name__, greet.__qualname__, greet.__doc__, greet.__module__)
print(greet.__code__.co_varnames, greet.__code__.co_argcount, greet.__code__.co_name)
funcs = [len, str, greet, print, abs]
print([f.__name__ for f in funcs])
def apply(fn, *args): return fn(*args)
print(apply(max, 3, 9, 2), apply(greet, "x"))
def compose(f, g): return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), inc.__name__)
greet.counter = 0
greet.counter += 2
print(greet.counter, greet.__dict__)
ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b}
print(sorted((k, v(3, 4)) for k, v in ops.items()))
def outer():
    def inner(): pass
    return inner
print(outer().__qualname__)
class K:
    def m(self): pass
print(K.m.__qualname__, K().m.__name__, K().m.__self__.__class__.__name__)
print(callable(greet), callable(1), callable(K), callable(K()))
