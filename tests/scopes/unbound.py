x = 1
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 2
f()
def g():
    try:
        print(undefined_name)
    except NameError as e:
        print("NameError:", e)
g()
def h():
    def inner():
        return v
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    v = 1
h()
def d():
    y = 1
    del y
    try:
        y
    except UnboundLocalError as e:
        print("after del:", e)
d()
try:
    del never_defined
except NameError as e:
    print("del:", e)
