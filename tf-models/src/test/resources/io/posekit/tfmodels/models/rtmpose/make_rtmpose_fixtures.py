"""Narrow RTMPose models: MMPose's own TopdownPoseEstimator with its CSPNeXt and RTMCCHead, random
weights, BN statistics and GAU parameters, a batch of two normalised inputs, the SimCC vectors of
head.forward, and the keypoints of head.predict without and with flip test. One torch.save'd dict
per model: state-dict keys, 'input' (NCHW), 'expected.*'.

    . /work/ref/pyenv.sh && cd /work/ref/mmpose && /usr/bin/python3 <this dir>/make_rtmpose_fixtures.py <this dir>
"""
import sys

import torch
from torch import nn
from mmengine.structures import InstanceData

from mmpose.models import build_pose_estimator
from mmpose.structures import PoseDataSample
from make_fixtures import randomise

FLIP = [0, 2, 1, 4, 3]


def model_cfg(gau):
    codec = dict(type='SimCCLabel', input_size=(64, 96), sigma=(4.9, 5.66), simcc_split_ratio=2.0,
                 normalize=False, use_dark=False)
    return dict(
        type='TopdownPoseEstimator',
        backbone=dict(type='CSPNeXt', arch='P5', expand_ratio=0.5, deepen_factor=0.167, widen_factor=0.0625,
                      out_indices=(4, ), channel_attention=True, norm_cfg=dict(type='BN'),
                      act_cfg=dict(type='SiLU')),
        head=dict(type='RTMCCHead', in_channels=64, out_channels=5, input_size=codec['input_size'],
                  in_featuremap_size=(2, 3), simcc_split_ratio=2.0, final_layer_kernel_size=7, gau_cfg=gau,
                  loss=dict(type='KLDiscretLoss', use_target_weight=True, beta=10., label_softmax=True),
                  decoder=codec),
        test_cfg=dict(flip_test=True))


MODELS = {
    'rtmpose_tiny': dict(hidden_dims=16, s=8, expansion_factor=2, dropout_rate=0., drop_path=0., act_fn='SiLU',
                         use_rel_bias=False, pos_enc=False),
    'rtmpose_tiny_relbias_rope': dict(hidden_dims=16, s=8, expansion_factor=2, dropout_rate=0., drop_path=0.,
                                      act_fn='ReLU', use_rel_bias=True, pos_enc=True),
}


def main(out):
    torch.manual_seed(0)
    x = torch.randn(2, 3, 96, 64)
    for name, gau in MODELS.items():
        model = build_pose_estimator(model_cfg(gau))
        randomise(model)
        g = torch.Generator().manual_seed(2)
        for n, p in model.head.named_parameters():
            if n.endswith(('.g', 'gamma', 'beta', 'scale', '.w')):
                p.data = 0.5 + torch.rand(p.shape, generator=g)
            elif p.dim() == 2:  # the linear layers: large enough that SimCC vectors are not flat
                p.data = torch.randn(p.shape, generator=g) * p.shape[1] ** -0.5
        model.eval()
        d = dict(model.state_dict())
        d['input'] = x
        with torch.no_grad():
            feats = model.extract_feat(x)
            px, py = model.head.forward(feats)
            d['expected.simcc_x'], d['expected.simcc_y'] = px, py
            samples = [PoseDataSample(metainfo=dict(flip_indices=FLIP)) for _ in range(2)]
            for flip in (False, True):
                f = [feats, model.extract_feat(x.flip(-1))] if flip else feats
                preds = model.head.predict(f, samples, test_cfg=dict(flip_test=flip))
                tag = 'flip_' if flip else ''
                d[f'expected.{tag}keypoints'] = torch.tensor(
                    [p.keypoints[0] for p in preds], dtype=torch.float32)
                d[f'expected.{tag}scores'] = torch.tensor([p.keypoint_scores[0] for p in preds], dtype=torch.float32)
        d['expected.parameter_count'] = torch.tensor([float(sum(p.numel() for p in model.parameters()))])
        torch.save(d, f'{out}/{name}.pth')
        print(name, int(d['expected.parameter_count']), px.shape, d['expected.keypoints'][0, :2])


if __name__ == '__main__':
    sys.path.insert(0, sys.argv[1])
    main(sys.argv[1])
