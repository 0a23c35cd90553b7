from mmengine.config import read_base

with read_base():
    from .._base_.runtime import *
    from .._base_.models import model as base_model

import math as m
import torch
import torch.nn as nn
from torch.optim import Adam

train_cfg.update(max_epochs=50, val_interval=10)
default_hooks.update(checkpoint=dict(save_best='coco/AP'))
optim_wrapper = dict(optimizer=dict(type=Adam, lr=1e-3), act=dict(type=nn.ReLU), dtype=torch.float32)
model = base_model
model.head.out_channels = 133
input_size = (192, 256)
sigma = 2
ratio = 1 / 4
steps = [m.floor(x * 1.5) for x in range(3)]
name = f'{default_scope}-{sigma}'
