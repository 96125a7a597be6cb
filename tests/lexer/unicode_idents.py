café = "coffee"
日本 = 2
π = 3.14159
print(café, 日本 * 2, round(π, 2))
def größe(ä): return ä * 2
print(größe(4), größe.__name__)
class Ünicode:
    ñ = 1
print(Ünicode.ñ, Ünicode.__name__)
