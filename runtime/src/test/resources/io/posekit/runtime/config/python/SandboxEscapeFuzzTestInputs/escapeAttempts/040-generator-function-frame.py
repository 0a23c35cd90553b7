# expect: not allowed
def gen():
    yield 1
x = gen().gi_frame.f_back
