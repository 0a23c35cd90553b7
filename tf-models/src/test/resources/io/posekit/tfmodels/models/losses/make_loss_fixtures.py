"""Makes losses.json for MMPoseLossParityTest: MMPose's own loss modules on fixed inputs.

Rerun from this directory with Debian's python3-torch and MMPose's source on PYTHONPATH:

    . /work/ref/pyenv.sh && /usr/bin/python3 make_loss_fixtures.py

Each case holds the loss's config (MMPose's parameter names), the inputs in PoseKit's layout
(coordinates [B, K, D], scores [B, K], heatmaps NHWC [B, H, W, K]; MMPose's are NCHW), the keypoint
weights [B, K] and the value MMPose's module returns. Regression losses get the weights
unsqueezed to [B, K, 1] as MMPose's regression heads pass them.
"""
import json

import torch
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

register_all_modules()
torch.manual_seed(17)
B, K, D, H, W = 2, 3, 2, 4, 5


def weights():
    w = torch.rand(B, K)
    w[0, 1] = 0.0  # an invisible keypoint
    return w


def flat(t):
    return [float(v) for v in t.reshape(-1)]


cases = []


def case(name, cfg, out, tgt, w, kind):
    loss = MODELS.build(cfg)
    if kind == 'coords':
        value = loss(out, tgt, w.unsqueeze(-1))
        ours = (out, tgt)
    elif kind == 'heatmaps':
        value = loss(out, tgt, w)
        ours = (out.permute(0, 2, 3, 1), tgt.permute(0, 2, 3, 1))
    else:
        value = loss(out, tgt, w)
        ours = (out, tgt)
    cases.append(dict(name=name, cfg=cfg, shape=list(ours[0].shape), output=flat(ours[0]), target=flat(ours[1]),
                      weights=flat(w), value=float(value)))


coords = lambda scale: (torch.randn(B, K, D) * scale, torch.randn(B, K, D) * scale)
for cfg in [dict(type='SmoothL1Loss', use_target_weight=True, loss_weight=2.0),
            dict(type='SmoothL1Loss'),
            dict(type='SoftWeightSmoothL1Loss', use_target_weight=True, supervise_empty=False, beta=0.5),
            dict(type='SoftWeightSmoothL1Loss', use_target_weight=True, loss_weight=0.5),
            dict(type='SoftWeightSmoothL1Loss', beta=2.0),
            dict(type='L1Loss', use_target_weight=True),
            dict(type='L1Loss', reduction='sum', loss_weight=3.0)]:
    case(cfg['type'], cfg, *coords(1.5), weights(), 'coords')
for cfg in [dict(type='WingLoss', use_target_weight=True),
            dict(type='WingLoss', omega=5.0, epsilon=1.0, loss_weight=0.1),
            dict(type='SoftWingLoss', use_target_weight=True),
            dict(type='SoftWingLoss', omega1=1.0, omega2=10.0, epsilon=0.25)]:
    case(cfg['type'], cfg, *coords(12.0), weights(), 'coords')

for cfg in [dict(type='AdaptiveWingLoss', use_target_weight=True),
            dict(type='AdaptiveWingLoss', alpha=2.0, omega=10, epsilon=2, theta=0.3, loss_weight=2.0)]:
    out = torch.rand(B, K, H, W) * 1.5 - 0.25
    tgt = torch.rand(B, K, H, W)
    case(cfg['type'], cfg, out, tgt, weights(), 'heatmaps')
for cfg in [dict(type='CombinedTargetMSELoss', use_target_weight=True),
            dict(type='CombinedTargetMSELoss', loss_weight=0.5)]:
    case(cfg['type'], cfg, torch.randn(B, 3 * K, H, W), torch.randn(B, 3 * K, H, W), weights(), 'heatmaps')
for cfg in [dict(type='JSDiscretLoss', use_target_weight=True),
            dict(type='JSDiscretLoss', use_target_weight=False, size_average=False)]:
    out = torch.softmax(torch.randn(B, K, H * W), -1).reshape(B, K, H, W)
    tgt = torch.softmax(torch.randn(B, K, H * W) * 3, -1).reshape(B, K, H, W)
    tgt[0, 0, 0, :] = 0.0  # zero pixels take xlogy's 0
    case(cfg['type'], cfg, out, tgt, weights(), 'heatmaps')
case('BCELoss', dict(type='BCELoss', use_target_weight=True, use_sigmoid=True),
     torch.rand(B, K) * 0.98 + 0.01, (torch.rand(B, K) > 0.5).float(), weights(), 'scores')
case('BCELoss', dict(type='BCELoss', reduction='sum', loss_weight=2.0),
     torch.randn(B, K) * 3, torch.rand(B, K), weights(), 'scores')

with open('losses.json', 'w') as f:
    json.dump(cases, f, indent=None)
print(len(cases), 'cases')
