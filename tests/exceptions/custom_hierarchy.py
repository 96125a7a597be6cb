class AppError(Exception): pass
class DbError(AppError):
    def __str__(self): return "db: " + self.args[0]
class NetError(AppError): pass
for e in [DbError("conn"), NetError("timeout"), AppError()]:
    try:
        raise e
    except DbError as x:
        print("db", x)
    except AppError as x:
        print("app", type(x).__name__, repr(x), str(x))
print(DbError.__mro__[1:])
try:
    raise NetError("a", "b")
except Exception as x:
    print(x, x.args)
print(repr(Exception()), repr(Exception(1)), repr(Exception(1, 2)), str(Exception(1, 2)))
e = Exception("note")
e.add_note("extra")
print(e.__notes__)
