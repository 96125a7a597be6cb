def fact(n): return 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(30))
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
def ackermann(m, n):
    if m == 0: return n + 1
    if n == 0: return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def depth(n): return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
def forever(n): return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
def even(n): return True if n == 0 else odd(n - 1)
def odd(n): return False if n == 0 else even(n - 1)
print(even(100), odd(7))
