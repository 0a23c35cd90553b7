# expect: memory budget
x = range(2**28)
