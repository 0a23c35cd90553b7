# expect: AttributeError
x = 'abc'.getBytes()
