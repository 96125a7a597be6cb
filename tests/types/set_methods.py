a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, a >= {1}, a.isdisjoint({9}))
print(a.union([7], (8,)), a.intersection(b, {4}), a.difference(b), a.symmetric_difference(b))
s = set()
s.add(3); s.add(1); s.add(3); print(s, len(s))
s.update([5, 6], {7}); print(s)
s.discard(5); s.discard(99); s.remove(6); print(s)
print(s.pop() in {1, 3, 7}, len(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
print(set("hello") == {'h', 'e', 'l', 'o'}, sorted(set("hello")))
print({x % 5 for x in range(20)})
f = frozenset([1, 2, 3])
print(f, f | {4}, type(f | {4}).__name__, hash(f) == hash(frozenset([3, 2, 1])))
print({f: 'frozen key'}[frozenset({1, 2, 3})])
print({100, 5, 37, 2, 64}, {-1, -2, 10**20, 7})
print(set(range(20, 0, -3)))
print({3.5, 1.5, 2.0}, {'a'} - {'a'}, set([1, 1, 1]))
u = {1, 2}; u |= {3}; u &= {2, 3}; u -= {2}; print(u)
