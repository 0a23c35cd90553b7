# expect: not allowed
x = str.format('{0.__class__}', 1)
