# expect: budget of
def gen():
    while True:
        yield 1
x = sum(gen())
