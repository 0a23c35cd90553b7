"""SimCCHead fixtures: MMPose's own SimCCHead (narrow), with deconvolutions (deconv_type='heatmap')
and without (a final 1x1 conv), random weights and BN statistics, on a random feature map; the
SimCC vectors of head.forward. One torch.save'd dict per head: its state-dict keys, 'input' (NCHW
feature map), 'expected.simcc_x', 'expected.simcc_y', 'expected.parameter_count'.

    . /work/ref/pyenv.sh && cd /work/ref/mmpose && /usr/bin/python3 <this dir>/make_simcc_head_fixtures.py <this dir>
"""
import sys

import torch

from mmpose.models.heads import SimCCHead
from make_fixtures import randomise

HEADS = {
    'simcc_head_deconv': dict(in_channels=8, out_channels=5, input_size=(32, 48), in_featuremap_size=(2, 3),
                              simcc_split_ratio=2.0, deconv_out_channels=(6, 6), deconv_kernel_sizes=(4, 4)),
    'simcc_head_plain': dict(in_channels=8, out_channels=5, input_size=(32, 48), in_featuremap_size=(2, 3),
                             simcc_split_ratio=3.0, deconv_out_channels=None),
}


def main(out):
    torch.manual_seed(0)
    x = torch.randn(2, 8, 3, 2)
    for name, cfg in HEADS.items():
        head = SimCCHead(**cfg)
        randomise(head)
        g = torch.Generator().manual_seed(3)
        for n, p in head.named_parameters():
            if n.startswith('mlp_head'):
                p.data = torch.randn(p.shape, generator=g) * (p.shape[-1] ** -0.5 if p.dim() == 2 else 0.1)
        head.eval()
        with torch.no_grad():
            px, py = head.forward((x, ))
        d = dict(head.state_dict())
        d['input'] = x
        d['expected.simcc_x'], d['expected.simcc_y'] = px, py
        d['expected.parameter_count'] = torch.tensor([float(sum(p.numel() for p in head.parameters()))])
        torch.save(d, f'{out}/{name}.pth')
        print(name, int(d['expected.parameter_count']), px.shape, py.shape)


if __name__ == '__main__':
    sys.path.insert(0, sys.argv[1])
    main(sys.argv[1])
