default_scope = 'mmpose'
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=10),
    logger=dict(type='LoggerHook', interval=50))
train_cfg = dict(by_epoch=True)
ids = {0: 'nose', 1: 'eye'}
