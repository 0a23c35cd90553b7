default_scope = 'mmpose'
optim_wrapper = dict(optimizer=dict(type='Adam', lr=5e-4))
model = dict(
    head=dict(
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        out_channels=17))
train_cfg = dict(max_epochs=210, val_interval=10)
