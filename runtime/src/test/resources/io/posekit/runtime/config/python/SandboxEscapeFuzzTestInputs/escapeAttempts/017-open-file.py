# expect: not allowed
open('MARK', 'w').write('x')
