# expect: not allowed
T = type('T', (object,), {})
