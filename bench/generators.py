# Generator pipelines.
def numbers(n):
    for i in range(n):
        yield i
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
def squared(it):
    for x in it:
        yield x * x
def run(n):
    total = sum(squared(evens(numbers(n))))
    total += sum(x for x in range(n) if x % 3 == 0)
    return total
print(run(3_000_000))
