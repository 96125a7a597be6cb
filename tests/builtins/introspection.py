class A:
    cls_attr = 1
    def method(self): pass
a = A()
a.inst = 2
print([n for n in dir(a) if not n.startswith("__")], vars(a), sorted(vars(A))[:3])
print(hasattr(a, "method"), getattr(a, "cls_attr"), type(a).__name__, a.__class__ is A)
print(isinstance(a, A), isinstance(a, object), issubclass(A, object), A.__name__, A.__module__)
def f(x, y=1, *a, k, **kw): return x
print(f.__name__, f.__defaults__, f.__kwdefaults__, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
print(f.__code__.co_varnames, f.__code__.co_flags & 0x0c, f.__code__.co_posonlyargcount)
print(sorted(k for k in globals() if not k.startswith("__")))
def loc():
    z = 1
    w = 2
    return sorted(locals().items())
print(loc())
print(id(a) == id(a), hash(a) == hash(a), callable(A), callable(a), callable(a.method))
print(len(dir(1)) > 50, "__add__" in dir(int), "append" in dir([]))
