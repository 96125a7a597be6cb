def level3(x):
    return x.missing_attribute
def level2(x):
    return level3(x) + 1
def level1():
    values = {"a": 1}
    return level2(values["a"])
level1()
