d = {}
for k in [5, 3, 9, 1, 7]:
    d[k] = k * k
print(d, list(d))
del d[9]
d[9] = 0
print(d)
d[3] = 'updated'
print(d)
words = "the quick brown fox jumps over the lazy dog the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(freq)
print({k: v for k, v in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))})
big = {i: str(i) for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5], list(big)[-3:])
big.update({-1: 'x'})
print(list(big.items())[-1])
