# expect: not allowed
g = getattr
x = g(1, '__cl' + 'ass__')
