# expect: LookupError
x = ('x' * 100).encode('zlib')
