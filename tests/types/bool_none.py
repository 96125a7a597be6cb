print(True, False, None, type(None).__name__, type(True).__name__, bool.__mro__)
print(True == 1, False == 0, True is 1 == 1, None == 0, None is None, not None)
print(repr(None), str(True), int(True), float(False), True + True + True)
print(bool(), bool([]), bool([[]]), bool(""), bool(" "), bool(0.0), bool(-1), bool(range(0)), bool({}))
print(sum([True, False, True]), [True, False].count(True), max(False, True))
print(hash(None) == hash(None), hash(True), hash(False), True.__class__, None.__class__)
print(isinstance(False, int), isinstance(None, object), issubclass(bool, object))
class Falsy:
    def __bool__(self): return False
class Empty:
    def __len__(self): return 0
print(bool(Falsy()), bool(Empty()), not Falsy(), "x" if Empty() else "y")
print(NotImplemented, Ellipsis, ..., type(...).__name__, type(NotImplemented).__name__)
