for a in [7.5, -7.5, 0.1, 1e300]:
    for b in [2.0, -2.5, 3]:
        print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
print(2.0 ** 0.5, 2 ** 0.5, (-8.0) ** 2, 10.0 ** -2, 1e308 * 10)
print(-0.0, 0.0 == -0.0, 1.0 == 1, 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 2))
print(float('inf') - float('inf'), float('inf') > 1e308, float('nan') == float('nan'))
print(5 % -3, -5 % 3, 5.0 % -3, -5.0 % 3, -0.0 % 1)
print(abs(-2.5), -2.5.__abs__(), (2.5).is_integer(), (3.0).is_integer())
print(1e16 + 1, 2**53 + 1.0, float(2**53 + 1))
print(3 * 1.1, 1.1 * 3, 0.1 * 3, 100 * 1.1)
