default_scope = 'mmpose'

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    checkpoint=dict(type='CheckpointHook', interval=10))

# another scope's hooks: no Java implementation, they stay plain dicts
custom_hooks = [
    dict(type='mmseg.PipelineSwitchHook', switch_epoch=10, switch_pipeline=[dict(type='mmseg.Mosaic', img_scale=(640, 640))]),
    dict(type='mmseg.PipelineSwitchHook', switch_epoch=30, _scope_='mmseg'),
]

log_processor = dict(type='LogProcessor', window_size=50, by_epoch=True)
