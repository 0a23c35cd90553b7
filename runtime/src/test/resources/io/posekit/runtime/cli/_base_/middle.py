_base_ = ['runtime.py']
optim_wrapper = dict(optimizer=dict(lr=1e-3))
