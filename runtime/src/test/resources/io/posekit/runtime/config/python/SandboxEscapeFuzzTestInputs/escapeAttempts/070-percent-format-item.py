# expect: not allowed
x = '%(a)s' % {'a': (1).__class__}
