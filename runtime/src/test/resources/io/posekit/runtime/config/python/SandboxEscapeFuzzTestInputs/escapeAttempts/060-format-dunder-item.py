# expect: not allowed
x = '{0[__builtins__]}'.format({})
