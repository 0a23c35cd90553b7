# cyclic_a.py -> cyclic_b.py -> cyclic_a.py
_base_ = './cyclic_b.py'
x = 1
