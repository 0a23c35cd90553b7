"""Makes conv_modules.pth: MMCV's own ConvModule (imported from mmcv) in several configurations,
random weights and non-trivial BN running statistics, the input and each module's eval-mode output.

Rerun from this directory with Debian's python3-torch and MMCV's sources on the path:

    . /work/ref/pyenv.sh && python3 make_fixtures.py

One torch.save'd dict (tensors NCHW): 'm<i>.<ConvModule state dict key>' for module i,
'input' (1, 4, 6, 6) and 'expected.m<i>' its output. ConvModuleParityTest builds the same configs.
"""
import torch
from torch import nn
from mmcv.cnn import ConvModule

torch.manual_seed(0)

CONFIGS = [
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1, norm_cfg=dict(type='BN')),
    dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, padding=1,
         norm_cfg=dict(type='GN', num_groups=2), act_cfg=dict(type='LeakyReLU', negative_slope=0.2)),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=2, dilation=2, groups=2,
         norm_cfg=dict(type='IN', affine=True), act_cfg=dict(type='HSwish')),
    dict(in_channels=4, out_channels=4, kernel_size=3, padding=1, groups=4,
         norm_cfg=dict(type='BN', eps=1e-3, momentum=0.03), act_cfg=dict(type='ReLU6')),
    dict(in_channels=4, out_channels=6, kernel_size=1, act_cfg=dict(type='HSigmoid')),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1, norm_cfg=dict(type='LN'),
         act_cfg=dict(type='GELU')),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1, norm_cfg=dict(type='BN'),
         act_cfg=dict(type='SiLU'), order=('act', 'conv', 'norm')),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1, norm_cfg=dict(type='BN'),
         act_cfg=dict(type='Swish'), order=('norm', 'conv', 'act')),
    dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, padding=1, bias=True,
         norm_cfg=dict(type='BN', requires_grad=False), act_cfg=dict(type='Sigmoid')),
    dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, padding=1, groups=2,
         norm_cfg=dict(type='BN'), act_cfg=dict(type='ELU', alpha=0.5)),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=0, conv_cfg=dict(type='Conv2d'),
         norm_cfg=None, act_cfg=dict(type='Tanh')),
]


def randomise(model):
    """Random weights and biases, BN affine and running statistics far from their initial values."""
    g = torch.Generator().manual_seed(1)
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
        if isinstance(m, (nn.modules.batchnorm._BatchNorm, nn.GroupNorm, nn.LayerNorm,
                          nn.modules.instancenorm._InstanceNorm)) and getattr(m, 'weight', None) is not None:
            m.weight.data = 0.5 + torch.rand(m.weight.shape, generator=g)
            m.bias.data = torch.randn(m.bias.shape, generator=g) * 0.3


def main():
    modules = nn.Module()
    for i, cfg in enumerate(CONFIGS):
        modules.add_module(f'm{i}', ConvModule(**cfg))
    randomise(modules)
    modules.eval()
    x = torch.randn(1, 4, 6, 6, generator=torch.Generator().manual_seed(2))
    out = dict(modules.state_dict())
    out['input'] = x
    with torch.no_grad():
        for i in range(len(CONFIGS)):
            # a clone: an in-place activation first in order (m6) would change x itself
            y = getattr(modules, f'm{i}')(x.clone())
            out[f'expected.m{i}'] = y
            print(f'm{i}', tuple(y.shape), 'params', sum(p.numel() for p in getattr(modules, f'm{i}').parameters()),
                  [k for k in modules.state_dict() if k.startswith(f'm{i}.')])
    torch.save(out, 'conv_modules.pth')


if __name__ == '__main__':
    main()
