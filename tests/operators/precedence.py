print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2, 2 * -3, not 1 == 2)
print(1 + 2 < 4 and 5 > 3, 1 | 2 ^ 3 & 4, 1 << 2 + 1, 7 // 2 * 2, 7 % 4 * 3, -7 // 2, ~1 + 1)
print(3 - 2 - 1, 100 / 10 / 5, 2 ** -1, 1 if 0 else 2 if 0 else 3, [1, 2][0] + 1)
print(not True or True, not (True or True), True or False and False, (lambda: 1)() + 1)
x = [1, 2, 3]
print(x[1:][0], -x[0], x[-1] ** 2, (x[0], x[1]) == (1, 2))
a = b = c = 7
print(a, b, c)
a, b = b, a = 1, 2
print(a, b)
