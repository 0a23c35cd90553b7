# expect: not allowed
__pk_mul__ = lambda a, b: 0
x = 1
