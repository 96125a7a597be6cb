print(int(3.7), int(-3.7), int("  42 "), int("-0"), int(True), int(2**70 + 0.0) == 2**70)
print(float(3), float("  -1.5 "), float("1e3"), float(True), str(3.0), str(-0.0), str(1e-7))
print(str(123), str([1, "a"]), str({"k": (1,)}), repr("x"), str(b"b"), str(None))
print(list("abc"), list((1, 2)), list({1: 2}), list(range(3)), tuple("ab"), set([3, 3, 1]))
print(dict([("a", 1)]), dict(zip("xy", (1, 2))), frozenset("aab") == frozenset("ab"))
print(bool("False"), bool(0.0), chr(8364), ord("€"), hex(ord("€")), bin(-5), oct(64))
print(complex(1), complex(0, -1), complex("1-2j"), int(float("1e18")), float(int("9" * 20)))
print(bytes("abc", "utf-8"), bytearray("é", "utf-8"), list(b"AB"), str(b"x", "ascii"))
for bad in ["int('')", "int('1.5')", "float('1,5')", "int('0x', 16)", "complex('1+')", "int(' ')"]:
    try:
        eval(bad)
    except ValueError as e:
        print(bad, "->", e)
