# expect: config file not found
_base_ = ['/dev/zero']
x = 1
