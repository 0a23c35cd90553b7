# expect: not allowed
fmt = '{0.__class__}'.format
x = fmt(1)
