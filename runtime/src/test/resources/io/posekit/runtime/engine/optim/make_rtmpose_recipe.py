"""MMEngine's view of RTMPose's optimizer recipe, for RtmposeRecipeTest.

  . /work/ref/pyenv.sh && cd <this dir> && /usr/bin/python3 make_rtmpose_recipe.py

Writes rtmpose_recipe.json: the weight decay and lr MMEngine's DefaultOptimWrapperConstructor gives
each parameter of a small module with RTMPose's paramwise_cfg (norm_decay_mult=0,
bias_decay_mult=0, bypass_duplicate=True), and the lr of every iteration under RTMPose's
LinearLR + CosineAnnealingLR(convert_to_iter_based=True) at small sizes.
"""
import json

import torch
import torch.nn as nn
from mmengine.optim import build_optim_wrapper
from mmengine.optim.scheduler import CosineAnnealingLR, LinearLR
from mmpose.models.utils.rtmcc_block import ScaleNorm


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)             # weight decayed, bias not
        self.bn = nn.BatchNorm2d(4)                # norm: no decay
        self.ln = nn.LayerNorm(4)                  # norm: no decay
        self.gn = nn.GroupNorm(2, 4)               # norm: no decay
        self.scale_norm = ScaleNorm(4)             # not a norm layer for MMEngine: g decays
        self.fc = nn.Linear(4, 2)
        self.gamma = nn.Parameter(torch.ones(2, 4))
        self.shared = self.fc                      # the same parameters twice: bypassed


model = Tiny()
base_lr = 4e-3
wrapper = build_optim_wrapper(model, dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=base_lr, weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0, bias_decay_mult=0, bypass_duplicate=True)))
names = {id(p): n for n, p in model.named_parameters()}
groups = []
for g in wrapper.optimizer.param_groups:
    (p,) = g['params']
    groups.append(dict(name=names[id(p)], shape=list(p.shape), lr=g['lr'], weight_decay=g['weight_decay']))

# RTMPose's schedule at small sizes: max_epochs=10, 7 iterations an epoch, warm-up over 20 iterations
max_epochs, epoch_length = 10, 7
opt = torch.optim.AdamW([nn.Parameter(torch.zeros(1))], lr=base_lr, weight_decay=0.05)
schedulers = [
    LinearLR(opt, start_factor=1.0e-5, by_epoch=False, begin=0, end=20),
    CosineAnnealingLR.build_iter_from_epoch(
        opt, eta_min=base_lr * 0.05, begin=max_epochs // 2, end=max_epochs, T_max=max_epochs // 2,
        by_epoch=True, epoch_length=epoch_length),
]
lrs = []
for it in range(max_epochs * epoch_length):
    lrs.append(opt.param_groups[0]['lr'])
    for s in schedulers:
        s.step()
json.dump(dict(base_lr=base_lr, groups=groups, max_epochs=max_epochs, epoch_length=epoch_length, lrs=lrs),
          open('rtmpose_recipe.json', 'w'), indent=1)
print(len(groups), 'groups;', lrs[:3], lrs[-3:])
