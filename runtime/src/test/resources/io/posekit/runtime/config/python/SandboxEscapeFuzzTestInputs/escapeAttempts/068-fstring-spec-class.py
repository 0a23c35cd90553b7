# expect: not allowed
x = f"{1:{().__class__}}"
