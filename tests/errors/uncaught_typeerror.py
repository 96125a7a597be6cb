def add(a, b):
    return a + b
def run():
    values = [1, 2, "three"]
    total = 0
    for v in values:
        total = add(total, v)
    return total
run()
