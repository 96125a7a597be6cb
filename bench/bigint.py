# Big integer arithmetic: factorials and powers.
def run():
    f = 1
    for i in range(1, 3000):
        f *= i
    p = pow(3, 20000)
    s = 0
    for i in range(20000):
        s += (p // (i + 1)) % 1000003
    return f.bit_length() + s % 1000 + (f % 1000000007)
print(run())
