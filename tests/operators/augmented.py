x = 5
x += 3; print(x)
x -= 1; print(x)
x *= 2; print(x)
x //= 3; print(x)
x **= 2; print(x)
x %= 7; print(x)
x <<= 4; print(x)
x >>= 1; print(x)
x |= 1; print(x)
x &= 0b1101; print(x)
x ^= 0xff; print(x)
x /= 2; print(x)
a = [1, 2]
b = a
a += [3]
print(a, b, a is b)
a = a + [4]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = {1}
s |= {2}; s &= {2, 3}; s -= {5}; s ^= {7}
print(sorted(s))
d = {'a': 1}
d |= {'b': 2}
print(d)
class Box:
    def __init__(self): self.v = 1
bx = Box()
bx.v += 10
print(bx.v)
lst = [1, 2, 3]
lst[1] += 100
lst[-1] *= 2
print(lst)
dd = {'k': [1]}
dd['k'] += [2]
print(dd)
