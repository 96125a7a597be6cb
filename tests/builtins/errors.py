cases = [
    "len(5)", "abs('x')", "min()", "max([])", "sum(['a', 'b'])", "sum(['a'], '')", "ord('ab')", "chr(-1)",
    "int('12x')", "int('5', 1)", "float('x')", "next(iter([]))", "iter(5)", "[1, 2][5]", "(1,)[-3]",
    "'abc'[10]", "{}['k']", "{}[[]]", "hash([])", "1 + 'a'", "'a' + 1", "[] + ()", "1 < 'a'", "None()",
    "5[0]", "(1).foo", "object().x", "'x'.bad", "1 / 0", "1 // 0", "1 % 0", "1.0 / 0", "divmod(1, 0)",
    "[].pop()", "[1].remove(2)", "[1].index(2)", "'abc'.index('z')", "{1}.remove(2)", "set().pop()",
    "dict(1)", "dict([1])", "list(1)", "tuple(1)", "range(1, 2, 0)", "range('a')", "2 ** -1 % 0",
    "int(None)", "float([])", "getattr(1, 'zz')", "a, b = [1]", "a, b = [1, 2, 3]", "a, = 1",
    "del [][0]", "'abc'[0] = 'x'", "(1, 2)[0] = 5", "{}.popitem()", "bytes('x')", "pow(2, 3, 0)",
    "round('x')", "sorted(1)", "sorted([1, 'a'])", "10 ** 5000 * 1.0", "int('1' * 5000)",
    "isinstance(1, 2)", "issubclass(1, int)", "'%d' % 'x'", "'%s %s' % (1,)", "'{}'.format()",
    "chr(0x110000)", "[1, 2, 3][1:2:0]", "-1 ** 0.5 ** 'x'", "not_defined", "().index(1)",
]
for src in cases:
    try:
        exec(src)
        print("no error:", src)
    except Exception as e:
        print(f"{src!r:32} {type(e).__name__}: {e}")
