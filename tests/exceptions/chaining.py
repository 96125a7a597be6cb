try:
    try:
        raise ValueError("first")
    except ValueError as e:
        raise TypeError("second") from e
except TypeError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise KeyError("b")
except KeyError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise KeyError("b") from None
except KeyError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
def reraise():
    try:
        raise OSError("os")
    except OSError:
        raise
try:
    reraise()
except OSError as e:
    print("reraised", e)
try:
    raise
except RuntimeError as e:
    print(e)
e = ValueError("x")
print(e.__traceback__)
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.__traceback__ is not None)
class MyError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyError(7)
except MyError as m:
    print(m, m.code, m.args)
