match = 1
case = 2
_ = 3
print(match + case + _)
type = "shadowed builtin"
print(type)
del type
print(type(1))
def match(x): return x * 2
print(match(4))
print = print
print("print still works")
