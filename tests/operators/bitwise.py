for a in [0, 1, -1, 5, -6, 2**65 + 3, -(2**65)]:
    for b in [0, 3, -4, 2**64]:
        print(a & b, a | b, a ^ b, end="; ")
    print(~a, a << 3, a >> 1)
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010, 1 << 0, 1 << 63, 1 << 64)
print(True & 3, 6 & True, True | False)
