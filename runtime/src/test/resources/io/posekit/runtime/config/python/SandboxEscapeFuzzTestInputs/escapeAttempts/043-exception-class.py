# expect: not allowed
try:
    1 / 0
except Exception as e:
    x = e.__class__.__mro__
