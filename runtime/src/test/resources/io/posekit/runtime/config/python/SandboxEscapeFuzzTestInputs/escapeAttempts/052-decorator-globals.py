# expect: not allowed
def steal(f):
    return f.func_globals
@steal
def g():
    pass
