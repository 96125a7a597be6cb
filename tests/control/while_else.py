def search(items, target):
    i = 0
    while i < len(items):
        if items[i] == target:
            print("found at", i)
            break
        i += 1
    else:
        print("not found")
search([1, 2, 3], 2)
search([1, 2, 3], 9)
n = 3
while n:
    n -= 1
    print("n =", n)
count = 0
while count < 100:
    count += 7
print(count)
