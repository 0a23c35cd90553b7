# expect: not allowed
class M(type):
    pass
x = M
