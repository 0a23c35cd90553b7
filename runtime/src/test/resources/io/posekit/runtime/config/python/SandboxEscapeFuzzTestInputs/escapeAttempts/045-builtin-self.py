# expect: not allowed
x = len.__self__
