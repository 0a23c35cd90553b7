# expect: not allowed
x = '{0.__class__}'.format(1)
