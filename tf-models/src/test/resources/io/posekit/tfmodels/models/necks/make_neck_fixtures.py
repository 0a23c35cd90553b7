"""Makes necks.json for NeckParityTest: MMPose's necks on fixed multi-scale features.

Rerun from this directory with Debian's python3-torch and MMPose's source on PYTHONPATH:

    . /work/ref/pyenv.sh && /usr/bin/python3 make_neck_fixtures.py

Four feature maps as a backbone returns them (HRNet-like: halving sizes, odd ones included),
stored NHWC as PoseKit's graph holds them; each case is a neck config and its outputs (NHWC).
"""
import json

import numpy as np
import torch
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

register_all_modules()
torch.manual_seed(17)
feats = [torch.randn(2, c, h, w) for c, h, w in [(2, 7, 6), (3, 4, 3), (4, 2, 2), (5, 1, 1)]]


def values(t):
    # float32's shortest round-trip text keeps the file small
    return dict(shape=list(t.shape), data=[float(str(np.float32(v))) for v in t.detach().numpy().reshape(-1)])


def nhwc(t):
    return values(t.permute(0, 2, 3, 1)) if t.ndim == 4 else values(t)


cases = []
for cfg in [dict(type='FeatureMapProcessor', concat=True),
            dict(type='FeatureMapProcessor', concat=True, align_corners=True),
            dict(type='FeatureMapProcessor', select_index=(0, 2), concat=True, scale_factor=2.0, apply_relu=True),
            dict(type='FeatureMapProcessor', select_index=3),
            dict(type='FeatureMapProcessor', select_index=1, scale_factor=4.0, apply_relu=True),
            dict(type='FeatureMapProcessor', select_index=(-1, 1), scale_factor=2.0, align_corners=True),
            dict(type='GlobalAveragePooling')]:
    neck = MODELS.build(cfg)
    outs = neck(tuple(feats))
    cases.append(dict(cfg=cfg, outputs=[nhwc(o) for o in outs]))
with open('necks.json', 'w') as f:
    json.dump(dict(inputs=[nhwc(x) for x in feats], cases=cases), f)
print(len(cases), 'cases')
