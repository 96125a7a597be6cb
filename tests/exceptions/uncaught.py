def inner(d):
    return d["missing"]
def outer():
    return inner({})
print("before")
outer()
