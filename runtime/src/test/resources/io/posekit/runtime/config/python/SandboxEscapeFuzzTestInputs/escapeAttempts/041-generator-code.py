# expect: not allowed
def gen():
    yield 1
x = gen().gi_code
