# expect: not allowed
g = (i for i in [1])
x = '{0.gi_frame}'.format(g)
