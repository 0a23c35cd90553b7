# expect: memory budget
x = '{:>2000000000}'.format(1)
