_base_ = ['./cyclic_a.py']
y = 2
