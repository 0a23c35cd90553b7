# expect: not allowed
x = memoryview(b'abc')
