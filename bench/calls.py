# Function calls with positional, default and keyword arguments.
def add(a, b): return a + b
def with_default(a, b=1): return a + b
def kw(a, *, k=2): return a * k
def run(n):
    t = 0
    for i in range(n):
        t = add(t, i)
        t = with_default(t)
        t = kw(t, k=1)
    return t
print(run(3_000_000))
