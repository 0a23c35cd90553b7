# expect: not allowed
quit()
