_base_ = ['./base_a.py', './base_b.py']
model = dict(head=dict(_delete_=True, type='NewHead'), backbone=dict(depth=101))
size_copy = {{_base_.input_size}}
out_plus = _base_.model.head.out + 1
name = f'{{ fileBasenameNoExtension }}-{_base_.lr:.2f}-{_base_.ids[0]!r}'
where = '{{ fileBasename }}|{{ fileExtname }}'
squares = [k * k for k in range(3)]
def helper():
    return 1
import math
pi2 = math.floor(math.pi * 2)
__hidden = 1
