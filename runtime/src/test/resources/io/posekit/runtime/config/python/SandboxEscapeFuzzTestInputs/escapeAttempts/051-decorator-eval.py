# expect: not allowed
@eval
def f():
    pass
