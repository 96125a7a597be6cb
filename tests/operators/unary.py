print(-5, --5, -(-5.5), +3, +(-3), ~7, ~-8, not 0, not 5, -True, +True, -0.0, -(0j))
class N:
    def __neg__(self): return "neg"
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __abs__(self): return "abs"
n = N()
print(-n, +n, ~n, abs(n))
for expr in ["-'x'", "+[]", "~1.5", "abs(None)"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
