# expect: not allowed
def f():
    pass
x = '{0.func_globals[__builtins__]}'.format(f)
