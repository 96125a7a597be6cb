print(True and False, True or False, not True, not 0, not [])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [] or 'last', 'a' and 'b' and 'c')
print([] or {}, '' and 1, 0.0 or 0j or 'x')
def t(v):
    print("eval", v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(2) and t(0) and t(3))
print(bool(0), bool(1), bool(''), bool('a'), bool([]), bool([0]), bool(None), bool(0.0), bool(0j))
print(True + True, True * 3, -True, ~True, True / 2, True & False, True | False, True ^ True)
print(type(True & True), type(True + True), isinstance(True, int))
print(1 if True else 2, 1 if [] else 2, 'yes' if 'x' else 'no')
