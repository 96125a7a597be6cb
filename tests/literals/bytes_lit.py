b = b"hello\x00\xffworld"
print(b, len(b), b[0], b[-1], b[1:3], list(b[:3]), b.hex(), bytes.fromhex("41 42"))
print(b"abc" + b"def", b"ab" * 3, b"a" in b"abc", 97 in b"abc", b"x" < b"y")
print(bytearray(b"abc"), bytearray(3), bytes([65, 66]), bytes(range(3)))
ba = bytearray(b"hello")
ba[0] = 74; ba.append(33); ba.extend(b"??")
print(ba, ba.decode(), bytes(ba))
print(b"a,b,c".split(b","), b" x ".strip(), b"abc".upper(), b"%d-%s" % (5, b"x"))
