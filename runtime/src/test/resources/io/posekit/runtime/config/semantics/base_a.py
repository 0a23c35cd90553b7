model = dict(type='Top', backbone=dict(depth=50, layers=[dict(depth=1), dict(depth=2)]), head=dict(out=17))
input_size = (192, 256)
ids = {0: 'nose', 1: 'eye'}
lr = 1 / 4
