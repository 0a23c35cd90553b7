"""Makes regression_heads.pth for RegressionHeadParityTest: MMPose's own RegressionHead and
RLEHead (imported from mmpose) with random weights, on one feature map: the eval outputs, the
flip-test outputs of head.predict (flip_coordinates with shift_coords, RLE's sigmoid per pass,
averaged) and the loss of MMPose's loss module as the head calls it.

Rerun from this directory with Debian's python3-torch and MMPose's source on PYTHONPATH:

    . /work/ref/pyenv.sh && /usr/bin/python3 make_regression_head_fixtures.py

Keys (tensors NCHW or as MMPose holds them): 'r<i>.<head state-dict key>' (r2 has r1's weights), 'input' (2, 4, 3, 2),
'input.labels' (2, 5, 2), 'input.weights' (2, 5), 'expected.r<i>' forward, 'expected.flip.r<i>',
'expected.loss.r<i>'. Flip indices (1, 0, 2, 4, 3); input width 48.
"""
import torch
from mmpose.models.utils.tta import flip_coordinates
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

register_all_modules()
torch.manual_seed(0)
K, FLIP, WIDTH = 5, [1, 0, 2, 4, 3], 48
HEADS = [
    dict(type='RegressionHead', in_channels=24, num_joints=K, loss=dict(type='SmoothL1Loss', use_target_weight=True)),
    dict(type='RLEHead', in_channels=24, num_joints=K, loss=dict(type='RLELoss', use_target_weight=True)),
    dict(type='RLEHead', in_channels=24, num_joints=K,
         loss=dict(type='RLELoss', use_target_weight=False, size_average=False, q_distribution='gaussian')),
]

x = torch.randn(2, 4, 3, 2)
labels = torch.rand(2, K, 2)
weights = (torch.rand(2, K) > 0.3).float()
out = {'input': x, 'input.labels': labels, 'input.weights': weights}
for i, cfg in enumerate(HEADS):
    head = MODELS.build(cfg)
    with torch.no_grad():
        for _, p in head.named_parameters():
            p.copy_(torch.randn_like(p) * 0.2)
        if i == 2:  # the second RLE loss reuses r1's weights, so the file holds one flow model
            head.load_state_dict(first_rle)
    head.eval()
    with torch.no_grad():
        pred = head.forward((x, ))
        flipped = head.forward((x.flip(-1), ))
        if cfg['type'] == 'RLEHead':
            plain = pred.clone()
            plain[..., 2:] = plain[..., 2:].sigmoid()
            f = flip_coordinates(flipped.clone(), flip_indices=FLIP, shift_coords=True, input_size=(WIDTH, 64))
            f[..., 2:] = f[..., 2:].sigmoid()
            loss = head.loss_module(pred[..., :2], pred[..., 2:4], labels, weights.unsqueeze(-1))
        else:
            plain = pred
            f = flip_coordinates(flipped.clone(), flip_indices=FLIP, shift_coords=True, input_size=(WIDTH, 64))
            loss = head.loss_module(pred, labels, weights.unsqueeze(-1))
    out[f'expected.r{i}'] = pred
    out[f'expected.flip.r{i}'] = (plain + f) * 0.5
    out[f'expected.loss.r{i}'] = loss.reshape(1)
    print(i, cfg['type'], sum(p.numel() for p in head.parameters()), float(loss))
    if i == 1:
        first_rle = head.state_dict()
    if i < 2:
        for k, v in head.state_dict().items():
            out[f'r{i}.{k}'] = v
torch.save(out, 'regression_heads.pth')
