print(repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('\n\t\\'))
print(repr('\x00\x7f\x80\xff'), repr('\u200b'), repr('é'), repr('\U0001F600'))
print(repr(b'\x00ab\xff\n'), repr(b"'"), repr(b'"\''), repr(bytearray(b'x')))
print(repr(1.0), repr(-0.0), repr(1e100), repr(1.5e-7), repr(float('inf')), repr(float('nan')))
print(repr(0.1), repr(100.0), repr(1e15), repr(1e16), repr(123456789012345678.0))
print(repr(1+2j), repr(-1j), repr(complex(0, 0)), repr(2j), repr(complex(1.5, -2)))
print(repr([1, 'a', None]), repr((1,)), repr({'a': (1, 2)}))
print(repr(range(5)), repr(range(1, 10, 2)), repr(slice(1, 2)), repr(slice(None, None, -1)))
print(str(1.0), str(2.5e-5), str([1.0, 'x']), str('x'))
l = [1]
l.append(l)
print(l)
d = {}
d['self'] = d
print(d)
