assert True
assert 1 == 1, "fine"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError args:", e.args)
x = 1
del x
try:
    x
except NameError as e:
    print(e)
l = [0, 1, 2, 3, 4]
del l[0], l[-1]
print(l)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
class O: pass
o = O(); o.attr = 1
del o.attr
print(hasattr(o, 'attr'))
a, b = 1, 2
del a, b
print('a' in dir(), 'b' in dir())
