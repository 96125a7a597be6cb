# Indentation levels, continuation lines, comments in odd places.
def f(x):
    if x:
        return [1,
                2,  # comment inside brackets
                3]
    else:
            return (
        4)
print(f(True), f(False))
total = 1 + \
        2 + \
        3
print(total)
d = {
    'a': 1,
    'b': 2,
}
print(d)
if True: print("one-line if")
for i in range(2): print(i); print(-i)
while False: pass
else: print("while-else")
class C: x = 1; y = 2
print(C.x + C.y)
