"""Fixtures of TransformerBackboneParityTest: MMPose's own modules (MMPretrain's VisionTransformer,
MMPose's HeatmapHead) built from config dicts, random weights, eval-mode heatmaps on a fixed input.

Rerun from MMPose's checkout with Debian's python3-torch (PYTHONPATH as /work/ref/pyenv.sh sets it,
plus stand-ins for the packages mmpretrain imports but these modules never call: importlib_metadata,
modelindex, einops):

    cd /path/to/mmpose && python3 /path/to/this/make_transformer_fixtures.py

Outputs next to this script, little-endian float32, NHWC:
  transformer_input.f32       the input of every model, shape (1, 64, 48, 3)
  <name>.pth                  the state dict (torch.save zip format)
  <name>.heatmaps.f32         the eval-mode heatmaps of backbone + HeatmapHead(deconv_out_channels=())
  <name>.params.txt           sum(p.numel() for p in model.backbone.parameters())
"""
import os

import numpy as np
import torch
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

register_all_modules()
import mmpretrain.models  # noqa: F401,E402  (registers the mmpretrain scope)

HERE = os.path.dirname(os.path.abspath(__file__))
H, W, K = 64, 48, 3
torch.manual_seed(0)
x = torch.randn(1, 3, H, W)
x.permute(0, 2, 3, 1).contiguous().numpy().astype('<f4').tofile(os.path.join(HERE, 'transformer_input.f32'))

TINY = dict(embed_dims=16, num_layers=2, num_heads=2, feedforward_channels=24)


def model(backbone, channels):
    return MODELS.build(dict(
        type='TopdownPoseEstimator', backbone=backbone,
        head=dict(type='HeatmapHead', in_channels=channels, out_channels=K, deconv_out_channels=(),
                  loss=dict(type='KeypointMSELoss', use_target_weight=True)),
        test_cfg=dict(flip_test=False)))


def randomise(m):
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
        for name, p in m.named_parameters():
            if name.endswith(('ln1.weight', 'ln2.weight')) \
                    or name.split('.')[-2].startswith('norm'):
                p.add_(1.0)


def save(name, m, state=None):
    m.eval()
    with torch.no_grad():
        heatmaps = m.head(m.backbone(x))
    torch.save(state if state is not None else m.state_dict(), os.path.join(HERE, name + '.pth'))
    heatmaps.permute(0, 2, 3, 1).contiguous().numpy().astype('<f4').tofile(os.path.join(HERE, name + '.heatmaps.f32'))
    with open(os.path.join(HERE, name + '.params.txt'), 'w') as f:
        f.write(str(sum(p.numel() for p in m.backbone.parameters())) + '\n')
    print(name, tuple(heatmaps.shape))
    return heatmaps


# ViTPose's layout: no class token, padding 2, featmap; img_size the input's
vit = model(dict(type='mmpretrain.VisionTransformer', arch=TINY, img_size=(H, W), patch_size=8, qkv_bias=True,
                 drop_path_rate=0.3, with_cls_token=False, out_type='featmap', patch_cfg=dict(padding=2)), 16)
randomise(vit)
reference = save('vit_tiny', vit)

# a class token, adaptive 'corner' padding, layer scale, and img_size (32, 40) != the input, so the
# position embedding is resized bicubically in forward
vit_cls = model(dict(type='mmpretrain.VisionTransformer', arch=TINY, img_size=(32, 40), patch_size=(10, 10),
                     qkv_bias=False, with_cls_token=True, out_type='featmap', layer_scale_init_value=0.1), 16)
randomise(vit_cls)
save('vit_tiny_cls_resized', vit_cls)

# MMPose's SwinTransformer, 3 stages at tiny width; window 5 pads every stage's grid (16x12, 8x6,
# 4x3) and shifts every second block; an absolute position embedding
swin = model(dict(type='SwinTransformer', pretrain_img_size=(H, W), embed_dims=8, depths=(2, 2, 2),
                  num_heads=(1, 2, 2), strides=(4, 2, 2), window_size=5, out_indices=(2,), drop_path_rate=0.2,
                  use_abs_pos_embed=True), 32)
randomise(swin)
save('swin_tiny', swin)

# MMCls 1.x keeps cls_token and its position slot even with with_cls_token=False and drops the
# token after adding the position embedding: the same heatmaps as 'vit_tiny' for its weights plus
# a class token and a position row that never reach the output
state = vit.state_dict()
state['backbone.cls_token'] = torch.randn(1, 1, 16)
state['backbone.pos_embed'] = torch.cat([torch.randn(1, 1, 16), state['backbone.pos_embed']], dim=1)
torch.save(state, os.path.join(HERE, 'vit_tiny_mmcls.pth'))
