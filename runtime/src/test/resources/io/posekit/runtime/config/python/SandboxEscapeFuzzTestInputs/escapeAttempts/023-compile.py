# expect: not allowed
c = compile('1', 'x', 'eval')
