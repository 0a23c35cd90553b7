# expect: memory budget
x = 'x' * 2**30
