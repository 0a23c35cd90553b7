# expect: not allowed
x = super
