# expect: not allowed
file('MARK', 'w')
