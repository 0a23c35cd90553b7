"""Makes <name>.pth for BackboneParityTest: MMPose's own backbone classes (imported from
mmpose.models.backbones), narrow versions of the configs' ones, with random weights and
non-trivial BN running statistics, their input and eval-mode outputs; and prints the parameter
counts of the full-size backbones the configs build (ParameterCountTest holds them).

Rerun from this directory with Debian's python3-torch and MMPose's sources on the path:

    . /work/ref/pyenv.sh && python3 make_fixtures.py

Each file is one torch.save'd dict (tensors NCHW): the backbone's state dict under its own keys,
'input' and 'expected.<i>' for its i-th output.
"""
import sys

import torch
from torch import nn

from mmpose.models.backbones import (MobileNetV2, MobileNetV3, ResNeSt, ResNeXt, SCNet, SEResNet, ShuffleNetV1,
                                    ShuffleNetV2, ViPNAS_MobileNetV3)
from mmpose.models.backbones.shufflenet_v2 import InvertedResidual as ShuffleV2Unit

FIXTURES = {
    'seresnet_tiny': (lambda: SEResNet(depth=50, stem_channels=8, base_channels=2, num_stages=3,
                                       strides=(1, 2, 2), dilations=(1, 1, 1), out_indices=(0, 1, 2),
                                       se_ratio=4), (1, 3, 32, 32)),
    'resnext_tiny': (lambda: ResNeXt(depth=50, groups=2, width_per_group=2, stem_channels=8, base_channels=2,
                                     num_stages=3, strides=(1, 2, 2), dilations=(1, 1, 1), out_indices=(1, 2)),
                     (1, 3, 32, 32)),
    'scnet_tiny': (lambda: SCNet(depth=50, stem_channels=8, base_channels=4, num_stages=3, strides=(1, 2, 2),
                                 dilations=(1, 1, 1), out_indices=(0, 2)), (1, 3, 64, 88)),
    'resnest_tiny': (lambda: ResNeSt(depth=50, groups=2, width_per_group=2, radix=2, stem_channels=8,
                                     base_channels=4, num_stages=3, strides=(1, 2, 2), dilations=(1, 1, 1),
                                     out_indices=(1, 2)), (1, 3, 40, 56)),
    # weights stored in float16 (see HALF): the smallest ShuffleNetV1 still has 67k parameters
    'shufflenetv1_tiny': (lambda: ShuffleNetV1(groups=2, widen_factor=0.25, out_indices=(0, 1, 2)),
                          (1, 3, 64, 48)),
    # ShuffleNetV2's widths are fixed (342k parameters at least): its two units, narrow, in sequence
    'shufflenetv2_units': (lambda: nn.Sequential(ShuffleV2Unit(8, 16, stride=2), ShuffleV2Unit(16, 16, stride=1)),
                           (1, 8, 9, 7)),
    # ViPNAS_MobileNetV3 narrow: grouped (2 and 4 channels a group) and depthwise convolutions, SE, no-expand stage
    'vipnas_mbv3_tiny': (lambda: ViPNAS_MobileNetV3(
        wid=[8, 8, 8, 16], expan=[None, 1, 2, 2], dep=[None, 1, 2, 1], ks=[3, 3, 5, 3], group=[None, 4, 16, 8],
        att=[None, True, False, True], stride=[2, 1, 2, 2], act=['HSwish', 'ReLU', 'ReLU', 'HSwish']),
        (1, 3, 32, 24)),
    'mobilenetv2_tiny': (lambda: MobileNetV2(widen_factor=0.1, out_indices=(3, 7)), (1, 3, 32, 32)),
}

FULL = {
    'SEResNet-50': lambda: SEResNet(depth=50),
    'SEResNet-101': lambda: SEResNet(depth=101),
    'SEResNet-152': lambda: SEResNet(depth=152),
    'ResNeXt-50': lambda: ResNeXt(depth=50),
    'ResNeXt-101': lambda: ResNeXt(depth=101),
    'ResNeXt-152': lambda: ResNeXt(depth=152),
    'SCNet-50': lambda: SCNet(depth=50),
    'SCNet-101': lambda: SCNet(depth=101),
    'ResNeSt-50': lambda: ResNeSt(depth=50),
    'ResNeSt-101': lambda: ResNeSt(depth=101),
    'ResNeSt-200': lambda: ResNeSt(depth=200),
    'ResNeSt-269': lambda: ResNeSt(depth=269),
    'ShuffleNetV1-g3': lambda: ShuffleNetV1(groups=3),
    'ShuffleNetV2-1.0': lambda: ShuffleNetV2(widen_factor=1.0),
    'MobileNetV3-small': lambda: MobileNetV3('small'),
    'MobileNetV3-big': lambda: MobileNetV3('big'),
    'ViPNAS_MobileNetV3': lambda: ViPNAS_MobileNetV3(),
    'MobileNetV2-1.0': lambda: MobileNetV2(widen_factor=1., out_indices=(7,)),
}


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
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = torch.randn(n, generator=g) * 0.3


HALF = {'shufflenetv1_tiny'}


def main(names):
    for name, (make, shape) in FIXTURES.items():
        if names and name not in names:
            continue
        torch.manual_seed(0)
        model = make()
        randomise(model)
        if name in HALF:
            # the reference outputs come from the values the file stores
            for t in list(model.parameters()) + [b for b in model.buffers() if b.is_floating_point()]:
                t.data = t.data.half().float()
        model.eval()
        x = torch.randn(*shape, generator=torch.Generator().manual_seed(2))
        out = {k: v.half() if name in HALF and v.is_floating_point() else v for k, v in model.state_dict().items()}
        out['input'] = x
        with torch.no_grad():
            ys = model(x)
        ys = ys if isinstance(ys, (tuple, list)) else (ys,)
        for i, y in enumerate(ys):
            out[f'expected.{i}'] = y
        torch.save(out, f'{name}.pth')
        print(name, [tuple(y.shape) for y in ys], 'params', sum(p.numel() for p in model.parameters()))
    if not names:
        for name, make in FULL.items():
            print(name, 'params', sum(p.numel() for p in make().parameters()))


if __name__ == '__main__':
    main(sys.argv[1:])
