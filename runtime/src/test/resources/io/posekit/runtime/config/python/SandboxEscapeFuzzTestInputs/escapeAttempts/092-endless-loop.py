# expect: budget of
while True:
    pass
