"""Makes codecs.json for CodecParityTest: MMPose's own codecs on generated keypoints.

Rerun from this directory with Debian's python3 (numpy, cv2) and MMPose's source on PYTHONPATH:

    . /work/ref/pyenv.sh && /usr/bin/python3 make_codec_fixtures.py

Keypoints are random inside the input plus the edge cases: on the border (0 and w - 1, h - 1),
just past it (w, -0.5), far outside, invisible (0) and half-visible (0.3, 0.7) ones. Each case
holds the codec's config, the keypoints (1, K, 2) and visibilities (1, K), every encoded field
(shape and flat values, instance axis dropped), and decode's input and output.
"""
import json

import numpy as np
from mmpose.registry import KEYPOINT_CODECS
from mmpose.utils import register_all_modules

register_all_modules()
rng = np.random.default_rng(17)


def keypoints(w, h, k_random):
    edge = [[0, 0], [w - 1, h - 1], [w, h / 2], [-0.5, h / 2], [w / 2, -0.4], [w * 3, h * 2],
            [-w, -h], [w / 2, h - 1], [w / 2, h / 2], [w / 3, h / 3], [w - 1.2, 2.6]]
    rand = rng.uniform([0, 0], [w, h], size=(k_random, 2))
    kpts = np.concatenate([np.array(edge, dtype=np.float64), rand]).astype(np.float32)[None]
    vis = np.ones(kpts.shape[:2], dtype=np.float32)
    vis[0, 8] = 0.0
    vis[0, 9] = 0.3
    vis[0, 10] = 0.7
    return kpts, vis


def field(a):
    a = np.asarray(a)
    # float32's shortest round-trip text keeps the file small; NaN stays NaN (decode of an empty channel)
    return dict(shape=list(a.shape), data=[float(str(np.float32(v))) for v in a.reshape(-1)])


cases = []


def case(cfg, decode_inputs):
    codec = KEYPOINT_CODECS.build(cfg)
    w, h = cfg['input_size']
    kpts, vis = keypoints(w, h, 3)
    enc = codec.encode(kpts.copy(), vis.copy())
    encoded = {name: field(value[0] if name != 'heatmaps' else value) for name, value in enc.items()}
    decoded = []
    for x in decode_inputs(enc):
        out_k, out_s = codec.decode(x.copy())
        decoded.append(dict(input=field(x), keypoints=field(out_k[0]), scores=field(out_s[0])))
    cases.append(dict(cfg=cfg, keypoints=field(kpts[0]), visible=field(vis[0]), encoded=encoded,
                      decoded=decoded))


def megvii_inputs(enc):
    hm = enc['heatmaps']
    noisy = (hm + rng.uniform(0, 40, size=hm.shape)).astype(np.float32)
    noisy[3] = 0.0  # a keypoint without heatmap: 0/0 in gaussian_blur gives NaN, as MMPose does
    return [hm.copy(), noisy]


case(dict(type='MegviiHeatmap', input_size=(48, 64), heatmap_size=(12, 16), kernel_size=5), megvii_inputs)
case(dict(type='MegviiHeatmap', input_size=(30, 30), heatmap_size=(10, 10), kernel_size=3), megvii_inputs)


def regression_inputs(enc):
    labels = enc['keypoint_labels']
    sigma = rng.uniform(0, 1, size=labels.shape).astype(np.float32)
    return [labels.copy(), np.concatenate([labels, sigma], axis=-1)]


case(dict(type='RegressionLabel', input_size=(48, 64)), regression_inputs)
case(dict(type='RegressionLabel', input_size=(37, 29)), regression_inputs)
case(dict(type='IntegralRegressionLabel', input_size=(32, 32), heatmap_size=(8, 8), sigma=2.0),
     lambda enc: [enc['keypoint_labels'].copy()])
case(dict(type='IntegralRegressionLabel', input_size=(32, 32), heatmap_size=(8, 8), sigma=1.5, unbiased=True,
          normalize=False), lambda enc: [enc['keypoint_labels'].copy()])

with open('codecs.json', 'w') as f:
    json.dump(cases, f)
print(len(cases), 'cases')
