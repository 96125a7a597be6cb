l = [3, 1, 2]
l.append(5); l.extend([9, 0]); l.insert(0, 7); l.insert(-1, 8); l.insert(100, 6)
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1)
print(l, l.index(5), l.count(2), 2 in l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
m = list(range(10))
print(m[2:5], m[::3], m[::-2], m[-3:], m[:-7], m[5:2], m[1:8:2])
m[2:4] = ['a', 'b', 'c']; print(m)
m[::2] = range(6); print(m)
del m[1:3]; print(m)
del m[::2]; print(m)
m[:] = []; print(m)
c = [1, [2]]
d = c.copy(); d[1].append(3); print(c, d, c == d, c is d)
print([1, 2] + [3], [0] * 4, [[]] * 2)
c.clear(); print(c)
print(list(reversed([1, 2, 3])), [1, 2, 3][::-1])
nums = [5, 3, 8, 1]
print(min(nums), max(nums), sum(nums), sorted(nums), nums)
