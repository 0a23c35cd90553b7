# expect: not allowed
x = f"{().__class__}"
