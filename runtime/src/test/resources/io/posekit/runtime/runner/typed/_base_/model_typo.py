_base_ = './models.py'
model = dict(
    head=dict(
        loss=dict(use_target_weigth=False)))
