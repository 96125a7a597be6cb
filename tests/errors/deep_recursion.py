import sys
print(sys.getrecursionlimit())
def r(n): return r(n + 1) + 1
try:
    r(0)
except RecursionError as e:
    print(type(e).__name__, e)
class Rec:
    def __repr__(self): return repr(self)
try:
    repr(Rec())
except RecursionError as e:
    print("repr:", type(e).__name__)
l = []
for _ in range(100000):
    l = [l]
print("nested list built")
del l
print("freed")
sys.setrecursionlimit(100)
def count(n):
    try:
        return count(n + 1)
    except RecursionError:
        return n
print(count(0) < 100)
