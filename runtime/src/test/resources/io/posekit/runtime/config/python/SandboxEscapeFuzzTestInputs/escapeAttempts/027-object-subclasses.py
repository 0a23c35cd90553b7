# expect: not allowed
x = object.__subclasses__()
