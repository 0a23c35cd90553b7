# expect: not allowed
x = locals()
