# expect: budget of
a = [0] * 1000
b = [a] * 1000
c = [b] * 1000
