x = 1
_base_ = './nope.py'
