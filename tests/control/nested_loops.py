result = []
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        result.append((i, j))
print(result)
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
for row in grid:
    print(" ".join(f"{v:2}" for v in row))
transposed = [list(col) for col in zip(*grid)]
print(transposed)
total = 0
for row in grid:
    for v in row:
        if v == 7:
            break
        total += v
    else:
        continue
    break
print(total)
