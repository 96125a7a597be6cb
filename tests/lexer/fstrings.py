x = 42
name = "Ouro"
print(f"{x}", f"{x!r}", f"{name!r}", f"{name!s}", f"{name!a}")
print(f"{x:5d}|{x:<5}|{x:^7}|{x:>5}|{x:05}")
print(f"{3.14159:.2f} {1234567:,} {1234567:_} {255:x} {255:#X} {255:b}")
print(f"{x=}", f"{x = }", f"{x=:>6}", f"{name=!s}")
width, prec = 10, 3
print(f"{3.14159:{width}.{prec}f}|")
print(f"{'nested' + f'{x}'}")
print(f"{{literal}} {x}")
print(f"""multi
{x}
line""")
d = {'k': 'v'}
print(f"{d['k']}", f'{d["k"]}')
print(f"{[i*2 for i in range(3)]}")
print(f"{x if x > 0 else -x}", f"{(lambda: 7)()}")
print(rf"\n{x}", fr"{x}\t")
