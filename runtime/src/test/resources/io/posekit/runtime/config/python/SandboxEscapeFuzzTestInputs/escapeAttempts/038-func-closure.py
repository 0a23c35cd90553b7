# expect: not allowed
def outer():
    y = 1
    return lambda: y
x = outer().func_closure
