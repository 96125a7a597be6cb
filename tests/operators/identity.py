a = 256
b = 256
print(a is b)
c = -5
d = -5
print(c is d)
e = []
f = e
print(e is f, e is not [], None is None)
print(() is (), "" is "" or True)
x = (1, 2)
y = x
print(x is y, x == (1, 2))
print(True is True, type(1) is int, type(True) is bool)
