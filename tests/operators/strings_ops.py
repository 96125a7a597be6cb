s = "hello"
print(s + " world", s * 3, 3 * "ab", s[0], s[-1], s[1:3], s[::-1], s[::2], s[10:], s[-100:2])
print("a" * 0, "a" * -1, [0] * 3, [1, 2] * 2, (1,) * 3)
print("x" "y" + "z", "%s is %d" % ("a", 5), "%5.2f|%-5d|%05d" % (3.14159, 42, 7))
print("%r %a %c %x %X %o %e %%" % ("q", "é", 65, 255, 255, 8, 12345.678))
print("%(a)s-%(b)s" % {'a': 1, 'b': 2})
print("abc" < "abd", "abc" == "abc", "a" in "abc")
t = "multi"
t += "ple"
print(t)
print("-".join(["a", "b", "c"]), ",".join([]), "".join(reversed("abc")))
