# Method calls and attribute access on instances.
class Counter:
    def __init__(self):
        self.count = 0
        self.step = 1
    def inc(self):
        self.count += self.step
        return self
    def get(self):
        return self.count
class Sub(Counter):
    def inc(self):
        super().inc()
        return self
def run(n):
    c = Counter()
    s = Sub()
    for i in range(n):
        c.inc()
        s.inc()
        if c.get() % 1000 == 0:
            c.step = c.step
    return c.get() + s.get()
print(run(1_500_000))
