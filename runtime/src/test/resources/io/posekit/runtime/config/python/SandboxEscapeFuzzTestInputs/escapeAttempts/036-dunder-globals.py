# expect: not allowed
def f():
    return 1
x = f.__globals__
