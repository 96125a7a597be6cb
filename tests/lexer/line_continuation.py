x = [1, 2,
     3, 4]
y = (1 +
     2)
z = {'a':
     1}
s = ("implicit "
     "concatenation "
     'across lines')
print(x, y, z, s)
if (1 and
        2):
    print("multi-line condition")
def f(a,
      b=2,
      *c):
    return a, b, c
print(f(1,
        3,
        5))
w = 1 + \
    2 \
    + 3
print(w)
lst = [
    x
    for x in range(3)
    if x
]
print(lst)
