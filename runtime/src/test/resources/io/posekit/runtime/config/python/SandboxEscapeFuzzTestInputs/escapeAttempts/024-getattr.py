# expect: not allowed
x = getattr(1, '__class__')
