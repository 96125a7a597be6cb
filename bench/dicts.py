# Dictionary insert, lookup, update and iteration with str and int keys.
def run(n):
    d = {}
    for i in range(n):
        d["k" + str(i % 5000)] = i
    t = 0
    for i in range(n):
        t += d.get("k" + str(i % 7000), -1)
    m = {}
    for i in range(n):
        m[i] = m.get(i - 1, 0) + 1
    for k, v in d.items():
        t += v
    return t + len(m)
print(run(1_000_000))
