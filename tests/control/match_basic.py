def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2:
            return "small"
        case int(n) if n < 0:
            return f"negative {n}"
        case [a, b]:
            return f"pair {a} {b}"
        case [first, *rest]:
            return f"seq {first} {rest}"
        case {"k": v, **others}:
            return f"map {v} {others}"
        case str() as s:
            return f"str {s}"
        case _:
            return "other"
for v in [0, 2, -5, [1, 2], [1, 2, 3], {"k": 1, "z": 2}, "hi", 3.5, (9,)]:
    print(describe(v))
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
for p in [Point(0, 0), Point(1, 0), Point(2, 3)]:
    match p:
        case Point(0, 0): print("origin")
        case Point(x=1): print("x is one")
        case Point(x, y): print("point", x, y)
