# expect: not allowed
class A:
    @classmethod
    def f(cls):
        return cls
x = A.f()
