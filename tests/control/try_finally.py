def f(n):
    try:
        if n == 0:
            return "zero"
        if n == 1:
            raise ValueError("one")
        return "other"
    except ValueError as e:
        print("except", e)
        return "handled"
    else:
        print("else")
    finally:
        print("finally", n)
print(f(0)); print(f(1)); print(f(2))
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(5):
        try:
            if i == 1: continue
            if i == 3: break
            print("try", i)
        finally:
            print("fin", i)
    return i
print(h())
try:
    try:
        raise TypeError("inner")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)
try:
    pass
except Exception:
    print("no")
else:
    print("else branch")
finally:
    print("finally branch")
def k():
    try:
        raise KeyError("x")
    except KeyError:
        try:
            raise IndexError("y")
        except IndexError as e:
            print("ctx", repr(e.__context__))
k()
e = 5
try:
    raise ValueError
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
