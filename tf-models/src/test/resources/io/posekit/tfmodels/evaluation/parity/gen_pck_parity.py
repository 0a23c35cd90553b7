"""Generated predictions (never real data) and what MMPose's MpiiPCKAccuracy and JhmdbPCKAccuracy
report for them, for PckVariantsParityTest: one instance per sample, some joints never visible
(MPII's ankles -> -100), a JHMDB torso under 1 px (the prediction's torso is used).
Run: . /work/ref/pyenv.sh && cd /work/ref/mmpose && python3 <this file> <this folder>"""
import json
import sys

import numpy as np

from mmpose.evaluation.metrics import JhmdbPCKAccuracy, MpiiPCKAccuracy

rng = np.random.RandomState(1818)


def samples(n, k, never_visible=()):
    out = []
    for i in range(n):
        gt = rng.uniform(0, 100, (1, k, 2)).round(3)
        pred = (gt + rng.normal(0, 6, (1, k, 2))).round(3)
        vis = (rng.rand(1, k) > 0.2).astype(np.float64)
        vis[0, list(never_visible)] = 0
        x1, y1 = rng.uniform(0, 30, 2).round(2)
        bbox = np.array([[x1, y1, x1 + rng.uniform(20, 80), y1 + rng.uniform(20, 80)]]).round(2)
        if i == 2:
            gt[0, 5] = gt[0, 4] + 0.3  # torso under 1 px
        out.append(dict(gt_instances=dict(keypoints=gt, keypoints_visible=vis, bboxes=bbox,
                                          head_size=np.array([round(float(rng.uniform(10, 40)), 3)])),
                        pred_instances=dict(keypoints=pred)))
    return out


def plain(d):
    return {k: (plain(v) if isinstance(v, dict) else v.tolist()) for k, v in d.items()}


cases = []
for name, metric, k, never, kwargs in [
        ('mpii', MpiiPCKAccuracy, 16, (0, 5), dict()),
        ('mpii_thr03', MpiiPCKAccuracy, 16, (), dict(thr=0.3)),
        ('jhmdb', JhmdbPCKAccuracy, 15, (), dict(thr=0.2, norm_item=['bbox', 'torso'])),
]:
    data = samples(8, k, never)
    m = metric(**kwargs)
    m.process([], data)
    result = {key: float(v) for key, v in m.compute_metrics(m.results).items()}
    cases.append(dict(name=name, metric=metric.__name__, kwargs=kwargs, samples=[plain(s) for s in data], expected=result))
with open(f'{sys.argv[1]}/pck_variants.json', 'w') as f:
    json.dump(cases, f)
for c in cases:
    print(c['name'], c['expected'])
