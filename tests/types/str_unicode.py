s = "Grüße, 世界! 🐍"
print(len(s), s.upper(), s.lower(), s[7:9], s[-1], s.encode("utf-8"), len(s.encode("utf-8")))
print(s.isalpha(), "世界".isalpha(), "🐍".isalpha(), "\u00e9" == "e\u0301", len("e\u0301"))
print("ǈ".istitle(), "ǈ".upper(), "ǈ".lower(), "ﬃ".upper(), "ΣΑΣ".lower(), "ß".casefold())
print([hex(ord(c)) for c in "aé世🐍"], chr(0x10FFFF).encode("utf-8"))
print("x\u0300y".isprintable(), "\x07".isprintable(), "\u2028".isprintable(), repr("\u2028"))
print("café".encode("ascii", "replace"), "café".encode("ascii", "ignore"), "café".encode("ascii", "xmlcharrefreplace"), "café".encode("ascii", "backslashreplace"))
print(b"caf\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"\xff".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
print("abc".encode("utf-16"), "abc".encode("utf-16-le"), "é".encode("utf-32-be"), b"\xff\xfea\x00".decode("utf-16"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(e)
