for mode, src in [("eval", "x = 1"), ("eval", "1 +"), ("exec", "def"), ("single", "1 2"), ("exec", "\tx\n  y"),
                  ("eval", ""), ("exec", "x = (\n1,\n2"), ("exec", "f'{'"), ("exec", "f'{x!z}'"), ("exec", "'\\x4'")]:
    try:
        compile(src, "<string>", mode)
        print(mode, repr(src), "ok")
    except SyntaxError as e:
        print(mode, repr(src), type(e).__name__, e.msg, e.lineno)
try:
    eval("1/0")
except ZeroDivisionError as e:
    print("eval raised", e)
try:
    exec("raise KeyError('from exec')")
except KeyError as e:
    print("exec raised", e)
try:
    compile("x", "f", "bogus")
except ValueError as e:
    print(e)
print(eval(compile("2 * 21", "<c>", "eval")), eval("  3 + 4  "))
