"""Makes heatmap_heads.pth for HeatmapHeadParityTest: MMPose's own HeatmapHead and ViPNASHead
(imported from mmpose) in the option combinations the top-down configs use, random weights and
non-trivial BN running statistics, one input and each head's eval-mode output.

Rerun from this directory with Debian's python3-torch and MMPose's source on PYTHONPATH:

    . /work/ref/pyenv.sh && /usr/bin/python3 make_head_fixtures.py

One torch.save'd dict (tensors NCHW): 'h<i>.<head state-dict key>' for head i, 'input'
(1, 32, 4, 3) and 'expected.h<i>' its output. HeatmapHeadParityTest builds the same heads.
"""
import torch
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

register_all_modules()
torch.manual_seed(0)

HEADS = [
    dict(type='HeatmapHead', in_channels=32, out_channels=5, deconv_out_channels=(8, 8), deconv_kernel_sizes=(4, 4)),
    dict(type='HeatmapHead', in_channels=32, out_channels=5, deconv_out_channels=(8, 6, 4), deconv_kernel_sizes=(4, 3, 2),
         conv_out_channels=(6, 7), conv_kernel_sizes=(3, 1), final_layer=dict(kernel_size=3, padding=1)),
    dict(type='HeatmapHead', in_channels=32, out_channels=5, deconv_out_channels=None, conv_out_channels=(12, ),
         conv_kernel_sizes=(1, )),
    dict(type='HeatmapHead', in_channels=32, out_channels=5, deconv_out_channels=[], deconv_kernel_sizes=[],
         final_layer=None, conv_out_channels=(8, ), conv_kernel_sizes=(3, )),
    dict(type='ViPNASHead', in_channels=32, out_channels=5, deconv_out_channels=(32, 16), deconv_kernel_sizes=(4, 4),
         deconv_num_groups=(16, 16)),
    dict(type='ViPNASHead', in_channels=32, out_channels=5, deconv_out_channels=(32, 32, 32),
         deconv_num_groups=(32, 32, 32)),
    dict(type='ViPNASHead', in_channels=32, out_channels=5, deconv_out_channels=(16, 8), deconv_kernel_sizes=(3, 2),
         deconv_num_groups=(8, 4), conv_out_channels=(6, ), conv_kernel_sizes=(3, )),
]

out = {}
x = torch.randn(1, 32, 4, 3)
out['input'] = x
for i, cfg in enumerate(HEADS):
    head = MODELS.build(cfg)
    with torch.no_grad():
        for name, p in head.named_parameters():
            p.copy_(torch.randn_like(p) * 0.3)
        for m in head.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.copy_(torch.randn_like(m.running_mean) * 0.2)
                m.running_var.copy_(torch.rand_like(m.running_var) + 0.5)
    head.eval()
    with torch.no_grad():
        out[f'expected.h{i}'] = head.forward((torch.randn(1, 32, 8, 6), x))
    print(i, cfg['type'], sum(p.numel() for p in head.parameters()), tuple(out[f'expected.h{i}'].shape))
    for k, v in head.state_dict().items():
        out[f'h{i}.{k}'] = v
torch.save(out, 'heatmap_heads.pth')
