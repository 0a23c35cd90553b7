# expect: memory budget
x = [0] * 2**28
