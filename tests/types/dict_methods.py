d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, len(d), d['a'], d.get('z'), d.get('z', 0), 'a' in d, 'z' not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop('b'), d.pop('zz', 'dflt'), d)
print(d.setdefault('a', 100), d.setdefault('n', []), d)
d.update({'x': 1}, y=2); d.update([('w', 0)]); print(d)
print(d.popitem(), d)
del d['a']; print(d)
print(dict(a=1, b=2), dict([(1, 2)]), dict({'k': 'v'}, z=0), dict.fromkeys("ab", 0), dict.fromkeys([1, 2]))
e = {1: 'one', 2: 'two'}
print(e | {3: 'three'}, {**e, 1: 'uno'})
ks = e.keys()
e[4] = 'four'
print(ks, len(ks), 4 in ks, ks & {1, 4, 5}, ks | {9}, ks - {1})
print(e.items() & {(1, 'one')}, list(reversed(e)))
print({1: 'a'} == {1: 'a'}, {1: 'a'} != {1: 'b'})
c = e.copy(); c.clear(); print(c, e)
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: -kv[1]))
nested = {'a': {'b': {'c': 1}}}
print(nested['a']['b']['c'])
dd = {}
dd[(1, 2)] = 'tuple key'; dd[1.0] = 'float'; dd[1] = 'int'; dd[True] = 'bool'
print(dd)
