"""RTMPose fixtures: MMPose's own CSPNeXt (narrow), random weights and non-trivial BN statistics,
the input and every eval-mode output, one torch.save'd dict per fixture (tensors NCHW):
state-dict keys, 'input', 'expected.<i>', 'expected.parameter_count' (MMPose's sum of numel).

    . /work/ref/pyenv.sh && cd /work/ref/mmpose && /usr/bin/python3 <this dir>/make_fixtures.py <this dir>
"""
import sys

import torch
from torch import nn

from mmpose.models.backbones import CSPNeXt


def randomise(model, seed=1):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            fan_in = m.weight[0].numel()
            m.weight.data = torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5
            if m.bias is not None:
                m.bias.data = torch.randn(m.bias.shape, generator=g) * 0.1
        elif isinstance(m, nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            m.running_mean = torch.randn(n, generator=g) * 0.3
            m.running_var = 0.5 + torch.rand(n, generator=g)
            m.num_batches_tracked = torch.tensor(7, dtype=torch.long)
            m.weight.data = 0.5 + torch.rand(m.weight.shape, generator=g)
            m.bias.data = torch.randn(m.bias.shape, generator=g) * 0.3


BACKBONES = {
    'cspnext_p5': dict(arch='P5', deepen_factor=0.167, widen_factor=0.0625, out_indices=(2, 3, 4)),
    'cspnext_p6_dw': dict(arch='P6', deepen_factor=0.33, widen_factor=0.0625, out_indices=(0, 1, 5),
                          use_depthwise=True, channel_attention=False, expand_ratio=0.5,
                          norm_cfg=dict(type='SyncBN'), act_cfg=dict(type='ReLU')),
}


def main(out):
    torch.manual_seed(0)
    x = torch.randn(1, 3, 96, 64)
    for name, cfg in BACKBONES.items():
        if 'SyncBN' in str(cfg):
            cfg = dict(cfg, norm_cfg=dict(type='BN'))  # SyncBN is BN on one process
        m = CSPNeXt(**cfg)
        randomise(m)
        m.eval()
        with torch.no_grad():
            outs = m(x)
        d = dict(m.state_dict())
        d['input'] = x
        for i, o in enumerate(outs):
            d[f'expected.{i}'] = o
        d['expected.parameter_count'] = torch.tensor([float(sum(p.numel() for p in m.parameters()))])
        torch.save(d, f'{out}/{name}.pth')
        print(name, sum(p.numel() for p in m.parameters()), [tuple(o.shape) for o in outs])


if __name__ == '__main__':
    main(sys.argv[1])
