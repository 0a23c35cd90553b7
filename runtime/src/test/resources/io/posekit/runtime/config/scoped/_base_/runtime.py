hooks = dict(type='Logger', inner=dict(type='Inner'))
