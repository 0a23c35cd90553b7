# expect: budget of
x = []
while True:
    x.append('y' * 1000)
