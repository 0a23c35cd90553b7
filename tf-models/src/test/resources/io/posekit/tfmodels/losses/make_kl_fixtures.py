"""KLDiscretLoss fixtures: MMPose's module on random SimCC vectors and labels.

    . /work/ref/pyenv.sh && cd /work/ref/mmpose && /usr/bin/python3 <this file> <out dir>
"""
import json
import sys

import torch

from mmpose.models.losses import KLDiscretLoss

CONFIGS = [
    dict(),
    dict(beta=10., label_softmax=True),
    dict(beta=10., label_softmax=True, label_beta=5., use_target_weight=False),
    dict(beta=1., mask=[0, 2], mask_weight=0.5),
]


def main(out_dir):
    torch.manual_seed(16)
    n, k, wx, wy = 2, 3, 8, 10
    px, py = torch.randn(n, k, wx) * 2, torch.randn(n, k, wy) * 2
    # labels: Gaussians (some zeros, as SimCCLabel writes them) and one all-zero invisible keypoint
    gx = torch.exp(-(torch.arange(wx)[None, None] - torch.rand(n, k, 1) * wx) ** 2 / 4)
    gy = torch.exp(-(torch.arange(wy)[None, None] - torch.rand(n, k, 1) * wy) ** 2 / 4)
    gx[gx < 1e-3] = 0
    gx[1, 1] = 0
    gy[1, 1] = 0
    w = torch.tensor([[1., 0.5, 0.], [1., 0., 2.]])
    cases = []
    for cfg in CONFIGS:
        loss = KLDiscretLoss(**cfg)
        cases.append(dict(config=cfg, loss=float(loss((px, py), (gx, gy), w)),
                          loss_x_only=float(loss((px,), (gx,), w))))
    flat = lambda t: [float(v) for v in t.reshape(-1)]
    with open(f'{out_dir}/kl_discret_loss.json', 'w') as f:
        json.dump(dict(shape=[n, k, wx, wy], pred_x=flat(px), pred_y=flat(py), gt_x=flat(gx), gt_y=flat(gy),
                       weights=flat(w), cases=cases), f, separators=(',', ':'))


if __name__ == '__main__':
    main(sys.argv[1])
