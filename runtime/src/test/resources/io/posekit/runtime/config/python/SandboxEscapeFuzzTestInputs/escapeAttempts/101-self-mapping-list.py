# expect: budget of
x = [0]
map(x.append, x)
