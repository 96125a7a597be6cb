cases = [
    "x = (1, 2", "x = 1)", "if True\n    pass", "def f(:\n  pass", "1 = x", "f() = 1", "x = [1, 2}",
    "for x in range(3):\nprint(x)", "  x = 1", "def f():\n  x = 1\n    y = 2", "return 5", "break",
    "class C:\n  continue", "x = 'unterminated", "x = \"\"\"never ends", "print 'hello'", "a b", "x = 1 +",
    "def f(a, a): pass", "def f(a=1, b): pass", "f(a=1, 2)", "nonlocal x", "lambda: (yield)",
    "x := 5", "del f()", "[x for x in range(3)] = 1", "import", "from x import", "a = 08", "0b2", "1__0",
    "1_", "x = 1 if 2", "async x", "def f():\n  global x\n  x = 1\n  global x", "@\ndef f(): pass",
    "f(**x, *y)", "try:\n  pass\n", "else: pass", "x = {1: 2, 3}", "True = 1", "None += 1",
    "def f(*): pass", "def f(**k, a): pass", "€ = 1", "x = 5 6", "(a, b) += 1", "yield = 3",
]
for src in cases:
    try:
        compile(src, "<test>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print(f"{src!r:40} {type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset})")
