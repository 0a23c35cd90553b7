# expect: budget of
x = {i: [i] for i in xrange(2**28)}
