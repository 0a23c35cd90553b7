# expect: not allowed
x = raw_input()
