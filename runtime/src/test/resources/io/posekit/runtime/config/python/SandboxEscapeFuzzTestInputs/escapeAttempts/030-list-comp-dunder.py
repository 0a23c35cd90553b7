# expect: not allowed
x = [c for c in [].__class__.__mro__]
