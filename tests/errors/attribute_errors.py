class P:
    __slots__ = ("x",)
class Q:
    pass
for fn in [lambda: P().x, lambda: setattr(P(), "y", 1), lambda: Q().nothing, lambda: (1).real.foo,
           lambda: [].nope, lambda: "s".nope(), lambda: Q.missing, lambda: setattr(1, "x", 2),
           lambda: delattr(Q(), "a"), lambda: None.x, lambda: setattr(str, "x", 1), lambda: type.mro()]:
    try:
        fn()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
