# expect: budget of
x = [0]
x.extend(iter(x))
