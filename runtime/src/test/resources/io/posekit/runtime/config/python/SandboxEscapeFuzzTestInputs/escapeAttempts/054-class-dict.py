# expect: not allowed
class A:
    pass
x = A().__dict__
