_base_ = ['_base_/middle.py']
optim_wrapper = dict(optimizer=dict(lr=2e-3))
model = dict(
    head=dict(
        loss=dict(_delete_=True, type='KeypointOHKMMSELoss', topk=8)),
    neck=dict(_delete_=True, type='FeatureMapProcessor'))
