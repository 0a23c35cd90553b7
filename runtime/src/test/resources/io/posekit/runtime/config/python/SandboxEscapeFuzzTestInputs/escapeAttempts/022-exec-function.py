# expect: not allowed
exec("open('MARK', 'w')")
