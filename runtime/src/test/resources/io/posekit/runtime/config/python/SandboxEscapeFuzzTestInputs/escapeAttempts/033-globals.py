# expect: not allowed
x = globals()['__builtins__']
