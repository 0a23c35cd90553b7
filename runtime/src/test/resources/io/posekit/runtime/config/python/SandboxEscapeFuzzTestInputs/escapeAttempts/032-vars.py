# expect: not allowed
x = vars()
