# expect: not allowed
exit(0)
