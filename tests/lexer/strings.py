print('single', "double", '''triple
quoted''', """also "triple" """)
print('tab\there', 'newline\\n', "quote\"s", 'it\'s')
print(r'raw\n\t', R"raw\"", rb'raw\x00', Br'x\y')
print('\x41\u0042\U00000043\101\0', len('\0'))
print('\N{LATIN SMALL LETTER A}' == 'a' or True)
print(b'bytes\x00\xff', B"B", bytes(3))
print('adjacent' ' strings' " concatenate")
print("unicode: caf\u00e9 \u65e5\u672c \U0001F600")
print(len("\U0001F600"), len("日本語"), "日本語"[1])
s = 'line1\
line2'
print(s)
print("""a
b
c""".split("\n"))
print(u'u-prefix')
