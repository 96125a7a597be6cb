# String building, formatting, splitting and joining.
def run(n):
    parts = []
    for i in range(n):
        s = f"item-{i}:{i * 2}"
        parts.append(s.upper())
    text = ",".join(parts)
    pieces = text.split(",")
    total = 0
    for p in pieces:
        total += len(p) + p.count("1")
        if p.startswith("ITEM-9"):
            total += 1
    return total, len(text)
print(run(1_000_000))
