data = [1, 2, 3]
def get(i):
    return data[i] * 2
print(get(0))
print(get(10))
