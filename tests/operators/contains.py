print(3 in [1, 2, 3], 3 in (1, 2), 3 in {3: 'x'}, 3 in {3}, 3 in range(0, 10, 3), 4 in range(0, 10, 3))
print("a" in "cat", "" in "x", "ca" in "cat", b"a" in b"bat", 98 in b"bat")
class Box:
    def __init__(self, items): self.items = items
    def __contains__(self, x): return x in self.items
class Seq:
    def __getitem__(self, i):
        if i > 4: raise IndexError
        return i * 10
class It:
    def __iter__(self): return iter([7, 8])
print(2 in Box([1, 2]), 5 not in Box([]), 30 in Seq(), 35 in Seq(), 8 in It())
print(float('nan') in [float('nan')], [1] in [[1]], (1,) in {(1,): 0})
