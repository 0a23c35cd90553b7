# expect: not allowed
x = f"{'{0.__class__}'.format(1)}"
