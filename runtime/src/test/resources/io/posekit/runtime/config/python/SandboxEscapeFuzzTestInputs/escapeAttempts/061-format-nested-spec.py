# expect: not allowed
x = '{0:{1.__class__}}'.format(1, 2)
