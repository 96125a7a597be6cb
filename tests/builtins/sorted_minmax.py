data = [5, -2, 9, 0, -7, 3]
print(sorted(data), sorted(data, key=abs), sorted(data, reverse=True), sorted(data, key=lambda v: -v))
print(min(data), max(data), min(data, key=abs), max(data, key=abs), min("bca"), max([[1, 2], [1, 3]]))
print(min([], default=None), max((), default=-1), min(1, 2, key=lambda v: -v))
people = [("ann", 30), ("bob", 25), ("cid", 30), ("dee", 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted("Hello World"), sorted({3: 'a', 1: 'b'}), sorted({3, 1, 2}), sorted(range(5), reverse=True))
print(sum(range(10)), sum([0.5, 0.25]), sum([1e100, 1.0, -1e100]), sum((1, 2), 3), sum([], 0.0))
print(round(2.5), round(-0.5), round(1.05, 1), round(12345, -3), round(5.5), round(6.5), round(1.23456789, 4))
print(abs(-0.0), abs(3 - 4j), pow(2, 0.5), pow(-8, 1/3).real > 0, pow(3, -2))
lst = [3, 1, 2]
print(sorted(lst) is lst, lst)
