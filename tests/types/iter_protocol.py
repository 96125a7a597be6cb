class CountDown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(CountDown(3)), [x * 2 for x in CountDown(2)], sum(CountDown(4)))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
class OldStyle:
    def __getitem__(self, i):
        if i >= 3: raise IndexError(i)
        return chr(97 + i)
print(list(OldStyle()), "b" in OldStyle(), list(enumerate(OldStyle())))
e = enumerate("xy")
print(next(e), next(e), next(e, None))
z = zip([1, 2, 3], "ab")
print(list(z))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as ex:
    print(ex)
m = map(int, ["1", "2"])
print(iter(m) is m, list(m))
print(list(reversed([1, 2, 3])), list(reversed(range(3))), list(reversed("ab")))
r = reversed([1, 2])
print(type(r).__name__, next(r))
it2 = iter(range(3))
for x in it2:
    if x == 0:
        print("skip", next(it2))
    else:
        print("got", x)
