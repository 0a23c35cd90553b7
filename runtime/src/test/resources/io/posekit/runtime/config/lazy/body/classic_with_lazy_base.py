_base_ = ['./child.py']
x = 1
