# expect: not allowed
f = lambda: 1
x = f.func_code.co_consts
