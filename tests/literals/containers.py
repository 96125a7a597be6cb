print([], [1], [1, 2, 3], [[1], [2, [3]]])
print((), (1,), (1, 2), ((1,), (2,)))
print({}, {1: 'a'}, {'x': [1, 2], 'y': (3,)})
print({1}, {1, 2, 3}, set(), frozenset(), frozenset({1, 2}))
print([*range(3), *"ab"], (*[1, 2], 3), {**{'a': 1}, 'b': 2})
print({*range(3), 5})
a, *b = [1, 2, 3]
print(a, b)
*c, d = "xyz"
print(c, d)
e, *f, g = range(5)
print(e, f, g)
(h, i), j = (1, 2), 3
print(h, i, j)
[k, [l, m]] = [1, [2, 3]]
print(k, l, m)
print(None, True, False, ..., Ellipsis)
