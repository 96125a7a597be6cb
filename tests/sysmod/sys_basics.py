import sys
print(sys.argv[0].endswith("sys_basics.py"), len(sys.argv))
print(sys.version_info[:2] >= (3, 11), sys.version_info[0])
print(sys.version.startswith("3.11"))
print(sys.maxsize == 2**63 - 1, sys.maxunicode, sys.byteorder, sys.platform)
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
print(type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.modules)
print(sys.exc_info())
try:
    1 / 0
except ZeroDivisionError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None, sys.exception() is v)
print(sys.exception())
s = "".join(["ab", "cd"])
print(sys.intern(s) is sys.intern("abcd"))
sys.stdout.write("written\n")
print(sys.stdout.write("x"))
print(sys.get_int_max_str_digits())
print(isinstance(sys.path, list), all(isinstance(p, str) for p in sys.path))
print(sys.getrefcount(object()) >= 1)
print("before exit")
sys.exit(3)
print("not reached")
