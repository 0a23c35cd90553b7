from mmengine.config import read_base

with read_base():
    from .runtime import default_scope  # noqa

from mmpose.models import HeatmapHead  # noqa: a stand-in, left out of the config

# codec settings
codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)

# a head without deconvolutions: None over HeatmapHead's default (256, 256, 256)
head = dict(
    type='HeatmapHead',
    in_channels=32,
    out_channels=17,
    deconv_out_channels=None,
    loss=dict(type='KeypointMSELoss', use_target_weight=True),
    decoder=dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2))
