_base_ = ['mmpose::_base_/runtime.py']

default_hooks = dict(logger=dict(interval=10))
train_cfg = dict(by_epoch=True, max_epochs=5)
