for exc in [ValueError("v"), TypeError("t", 1), KeyError("k"), IndexError(), ZeroDivisionError("z")]:
    try:
        raise exc
    except (ValueError, TypeError) as e:
        print("VT", type(e).__name__, e, e.args)
    except LookupError as e:
        print("Lookup", type(e).__name__, repr(e), str(e), e.args)
    except Exception as e:
        print("Other", type(e).__name__, e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
try:
    [][1]
except IndexError as e:
    print(e)
try:
    {}["missing"]
except KeyError as e:
    print(repr(e), e)
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(KeyError.__mro__)
print(isinstance(StopIteration(), Exception), issubclass(KeyboardInterrupt, Exception))
