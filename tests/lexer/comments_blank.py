# leading comment

   # indented comment at odd level
def f():
    # comment in body

    x = 1  # trailing


        # deeper comment
    return x
print(f())   # after call
class C:

    pass
print(C)
