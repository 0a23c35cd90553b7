# expect: not allowed
x = bytes.format('{0.__class__}', 1)
