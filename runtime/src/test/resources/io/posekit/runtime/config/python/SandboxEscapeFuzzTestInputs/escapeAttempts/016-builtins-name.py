# expect: not allowed
x = __builtins__['open']('MARK', 'w')
