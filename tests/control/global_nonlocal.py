counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def make():
    total = 0
    def add(n):
        nonlocal total
        total += n
        return total
    def reset():
        nonlocal total
        total = 0
    return add, reset
add, reset = make()
print(add(5), add(10))
reset()
print(add(1))
def creates_global():
    global created
    created = "yes"
creates_global()
print(created)
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x += 10
        inner()
    mid()
    return x
print(outer())
