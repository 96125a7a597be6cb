class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return super().speak() + " (woof)"
a, d = Animal("generic"), Dog("rex")
print(a.speak(), d.speak(), a, d, [a, d])
print(Animal.count, d.kind, a.kind, Dog.__bases__, Dog.__mro__, type(d) is Dog, isinstance(d, Animal))
print(Dog.__name__, Dog.__qualname__, Dog.__module__, type(Dog), Dog.speak.__qualname__)
print(sorted(k for k in vars(d)), d.__dict__, d.__class__.__name__)
d.name = "max"; d.extra = 1
print(d.name, d.extra, hasattr(d, "extra"), getattr(d, "nope", None))
class Point:
    def __init__(self, x=0, y=0): self.x, self.y = x, y
    def __add__(self, o): return Point(self.x + o.x, self.y + o.y)
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __repr__(self): return f"Point({self.x}, {self.y})"
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
print(Point(1, 2) + Point(3, 4), Point() == Point(0, 0), len(Point()), list(Point(5, 6)), Point(1, 1) != Point(1, 2))
try:
    hash(Point())
except TypeError as e:
    print("TypeError:", e)
Dyn = type("Dyn", (Point,), {"z": 3, "norm": lambda self: self.x + self.y + self.z})
print(Dyn(1, 2).norm(), Dyn.__mro__[1].__name__, type(Dyn).__name__)
class Stat:
    @staticmethod
    def s(x): return x * 2
    @classmethod
    def c(cls): return cls.__name__
    @property
    def p(self): return "prop"
print(Stat.s(2), Stat().s(3), Stat.c(), Stat().c(), Stat().p)
try:
    Stat().p = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    Animal()
except TypeError as e:
    print("TypeError:", e)
try:
    d.missing
except AttributeError as e:
    print("AttributeError:", e)
