# A lazy-import config in MMPose's style (edpose_res50_8xb2-50e_coco-800x1333.py)
from mmengine.config import read_base

with read_base():
    from .._base_.runtime import *  # noqa
    from .._base_.heads import codec, head as base_head

from mmengine.dataset import DefaultSampler  # noqa: a stand-in, left out of the config

# runtime
train_cfg.update(max_epochs=50, val_interval=10)  # noqa
log_level = 'WARNING'

# hooks
default_hooks.update(  # noqa
    checkpoint=dict(save_best='coco/AP', rule='greater'))

codec.update(sigma=3)
base_head.update(in_channels=48)

# model settings
model = dict(
    type='TopdownPoseEstimator',
    backbone=dict(type='ResNet', depth=18),
    head=base_head,
    test_cfg=dict(flip_test=True))
