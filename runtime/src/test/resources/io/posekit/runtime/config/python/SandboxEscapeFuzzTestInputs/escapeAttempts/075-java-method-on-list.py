# expect: AttributeError
x = [].iterator()
