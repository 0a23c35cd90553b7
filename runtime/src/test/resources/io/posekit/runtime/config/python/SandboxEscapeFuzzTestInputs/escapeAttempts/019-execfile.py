# expect: not allowed
execfile('MARK')
