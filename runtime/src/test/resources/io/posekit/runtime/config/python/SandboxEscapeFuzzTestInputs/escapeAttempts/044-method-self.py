# expect: not allowed
x = [].append.__self__
