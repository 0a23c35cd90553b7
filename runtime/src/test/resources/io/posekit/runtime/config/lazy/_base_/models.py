from mmengine.config import read_base

with read_base():
    from .runtime import default_scope

from mmpose.models import HeatmapHead, TopdownPoseEstimator

head = dict(type=HeatmapHead, in_channels=32, out_channels=17)
model = dict(type=TopdownPoseEstimator, head=head, scope=default_scope)
