print("this never prints")
def broken(:
    pass
