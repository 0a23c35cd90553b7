# expect: not allowed
x = '{0.__class__.__mro__[1].__subclasses__}'.format('')
