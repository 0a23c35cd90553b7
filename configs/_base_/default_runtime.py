default_scope = 'mmpose'

# hooks (the engine's; MMPose's visualization and bad-case hooks are not wired yet)
default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=50),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(type='CheckpointHook', interval=10),
    sampler_seed=dict(type='DistSamplerSeedHook'))

custom_hooks = []

log_processor = dict(
    type='LogProcessor', window_size=50, by_epoch=True, num_digits=6)
log_level = 'INFO'
load_from = None
resume = False

train_cfg = dict(by_epoch=True)
val_cfg = dict()
test_cfg = dict()
