sq = lambda x: x * x
print(sq(7), (lambda: "noargs")(), (lambda *a: len(a))(1, 2, 3))
print(sorted([(2, 'b'), (1, 'c'), (3, 'a')], key=lambda t: t[1]))
sign = lambda n: "neg" if n < 0 else ("zero" if n == 0 else "pos")
print([sign(n) for n in (-3, 0, 8)])
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
print((lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, 9, 8, d=0, z=1))
fact = lambda n: 1 if n < 2 else n * fact(n - 1)
print(fact(12))
