s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, s.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
l = list(range(10))
print(l[s], l[slice(3)], l[-3:-1], l[::-1][:3], l[100:], l[-100:-90], l[3:1:-1], l[::-3])
t = tuple("abcdef")
print(t[1:4], t[::2], t[::-2], "abcdef"[s], b"abcdef"[1::2], range(10)[s])
l[2:5] = []
print(l)
l[:0] = [-1, -2]
print(l)
l[len(l):] = [99]
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(e)
class Sl:
    def __getitem__(self, k): return k
print(Sl()[1:2], Sl()[::3], Sl()[1:2, 3], Sl()[...], Sl()[:, None])
