"""SimCCLabel fixtures: MMPose's own codec encodes and decodes generated keypoints.

Run from an MMPose checkout with its Python environment:
    . /work/ref/pyenv.sh && cd /work/ref/mmpose && /usr/bin/python3 <this file> <out dir>
Writes simcc_label.json: per codec config, the encoded fields of keypoints inside, on and
outside the border and invisible ones, and the decoding of random and encoded label vectors.
"""
import json
import sys

import numpy as np

from mmpose.codecs import SimCCLabel

INPUT_SIZE = (16, 20)
CONFIGS = [
    dict(smoothing_type='gaussian', sigma=2.0, simcc_split_ratio=2.0),
    dict(smoothing_type='gaussian', sigma=(1.5, 2.5), simcc_split_ratio=2.0, normalize=False),
    dict(smoothing_type='gaussian', sigma=(4.9, 5.66), simcc_split_ratio=1.5, use_dark=True),
    dict(smoothing_type='gaussian', sigma=3.0, simcc_split_ratio=3.0, use_dark=True, decode_visibility=True),
    dict(smoothing_type='standard', simcc_split_ratio=2.0),
    dict(smoothing_type='standard', simcc_split_ratio=2.0, label_smooth_weight=0.1, decode_visibility=True,
         decode_beta=50.0),
]


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def main(out_dir):
    rng = np.random.default_rng(16)
    k = 9
    keypoints = np.zeros((1, k, 2), dtype=np.float32)
    keypoints[0, :5] = rng.uniform(0, 1, (5, 2)) * np.array(INPUT_SIZE, dtype=np.float32)
    keypoints[0, 5] = (0.25, 19.75)          # rounds onto / past the last label
    keypoints[0, 6] = (-0.3, 3.2)            # just left of the image: Gaussian still counts
    keypoints[0, 7] = (-9.0, 40.0)           # far outside: weight 0
    keypoints[0, 8] = (7.75, 4.25)           # half-way points: round half to even
    visible = np.ones((1, k), dtype=np.float32)
    visible[0, 3] = 0.0
    visible[0, 4] = 0.3                      # < 0.5: no label, weight stays 0.3
    cases = []
    for cfg in CONFIGS:
        codec = SimCCLabel(input_size=INPUT_SIZE, **cfg)
        enc = codec.encode(keypoints.copy(), visible.copy())
        wx, wy = enc['keypoint_x_labels'].shape[-1], enc['keypoint_y_labels'].shape[-1]
        # decoding: random vectors (one keypoint with all non-positive values) and the encoded labels
        sx = rng.normal(0, 1, (k, wx)).astype(np.float32)
        sy = rng.normal(0, 1, (k, wy)).astype(np.float32)
        sx[2] = -np.abs(sx[2])
        sx += (np.abs(rng.normal(0, 3, (k, 1))) * np.exp(-0.5 * ((np.arange(wx) - rng.uniform(2, wx - 2, (k, 1))) / 2) ** 2)).astype(np.float32)
        sy += (np.abs(rng.normal(0, 3, (k, 1))) * np.exp(-0.5 * ((np.arange(wy) - rng.uniform(2, wy - 2, (k, 1))) / 2) ** 2)).astype(np.float32)
        # three decimals keep the fixture small
        sx, sy = np.round(sx, 3), np.round(sy, 3)
        decoded = []
        for i, (x, y) in enumerate(((sx, sy), (enc['keypoint_x_labels'][0], enc['keypoint_y_labels'][0]))):
            # with the instance axis: MMPose's DARK refinement needs (N, K, W)
            out = codec.decode(x[None].copy(), y[None].copy())
            kps, scores = out
            vis = None
            if cfg.get('decode_visibility'):
                scores, vis = scores
            # the second decodes the encoded labels, already in the fixture
            decoded.append(dict(simcc_x=floats(x) if i == 0 else None, simcc_y=floats(y) if i == 0 else None, keypoints=floats(kps[0]),
                                scores=floats(scores[0]), visibility=None if vis is None else floats(vis[0])))
        c = dict(cfg)
        if isinstance(c.get('sigma'), tuple):
            c['sigma'] = list(c['sigma'])
        cases.append(dict(config=c, wx=int(wx), wy=int(wy),
                          keypoint_x_labels=floats(enc['keypoint_x_labels'][0]),
                          keypoint_y_labels=floats(enc['keypoint_y_labels'][0]),
                          keypoint_weights=floats(enc['keypoint_weights'][0]),
                          decoded=decoded))
    with open(f'{out_dir}/simcc_label.json', 'w') as f:
        json.dump(dict(input_size=list(INPUT_SIZE), keypoints=floats(keypoints[0]), visible=floats(visible[0]),
                       cases=cases), f, separators=(',', ':'))


if __name__ == '__main__':
    main(sys.argv[1])
