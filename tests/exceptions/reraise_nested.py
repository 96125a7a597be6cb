# An exception raised inside an except block reaches the outer handler
# (RERAISE must not send it back to the inner one).
def f(n):
    try:
        try:
            1 / n
        except ZeroDivisionError:
            raise ValueError("inner")
    except ValueError as e:
        return "outer caught " + str(e) + " ctx=" + type(e.__context__).__name__
    return "no error"
print(f(0))
print(f(1))
try:
    try:
        raise KeyError(1)
    except KeyError:
        raise
except KeyError as e:
    print("reraised", repr(e))
