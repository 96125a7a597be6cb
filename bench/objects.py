# Creating many small objects: instances, tuples, lists.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Q:
    def __init__(self, a):
        self.a = a
def run(n):
    t = 0
    for i in range(n):
        p = P(i, i + 1)
        q = Q((i, p.y))
        t += q.a[1] - p.x + len([i, i])
    return t
print(run(1_000_000))
