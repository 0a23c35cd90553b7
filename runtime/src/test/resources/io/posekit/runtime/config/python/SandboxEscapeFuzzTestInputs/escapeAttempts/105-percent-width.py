# expect: memory budget
x = '%*d' % (2**31 - 1, 1)
