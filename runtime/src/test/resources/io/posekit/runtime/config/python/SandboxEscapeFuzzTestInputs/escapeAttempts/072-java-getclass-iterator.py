# expect: not allowed
x = iter([]).getClass()
