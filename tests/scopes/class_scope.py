x = "module"
class C:
    x = "class"
    y = x + "!"
    def m(self):
        return x
    def n(self):
        return self.x
    z = [x for _ in range(1)]
print(C.y, C().m(), C().n(), C.z)
def f():
    v = "function"
    class D:
        w = v
        def get(self): return v
    return D
D = f()
print(D.w, D().get())
class E:
    a = 1
    b = a + 1
    del a
print(E.b, hasattr(E, 'a'))
