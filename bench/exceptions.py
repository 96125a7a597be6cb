# Raising and catching exceptions, try/finally.
class MyErr(Exception): pass
def may_fail(i):
    if i % 3 == 0:
        raise MyErr(i)
    return i
def run(n):
    caught = 0
    total = 0
    for i in range(n):
        try:
            total += may_fail(i)
        except MyErr as e:
            caught += 1
        finally:
            total += 1
    try:
        {}["x"]
    except KeyError:
        caught += 1
    return caught, total
print(run(1_000_000))
