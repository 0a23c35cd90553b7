"""How the expected stats of CocoKeypointEvalReferenceTest were made (not run by the build).

gt: SyntheticCocoGenerator seed 11, 0 train / 24 val images, 320 x 240, with segmentation, info,
licenses and skeleton removed. Usage: make_reference.py GT RESULTS_WITH_BBOX RESULTS_WITHOUT_BBOX
writes both results files, then prints the stats of xtcocotools' COCOeval (float32 COCO sigmas,
use_area=True, numpy 2.4) for the first; the box-less stats come from the last block alone run on
the second file."""

import json
import sys
import numpy as np
gt = json.load(open(sys.argv[1]))
rng = np.random.default_rng(0)
res = []
def kp_noise(ann, sd):
    k = np.array(ann['keypoints'], dtype=float).reshape(-1, 3)
    x, y, w, h = ann['bbox']
    out = []
    for (kx, ky, v) in k:
        if v > 0:
            px, py = kx + rng.normal(0, sd), ky + rng.normal(0, sd)
        else:
            px, py = x + rng.uniform(0, w), y + rng.uniform(0, h)
        out += [round(px, 2), round(py, 2), round(float(rng.uniform(0.05, 1.0)), 3)]
    return out
for ann in gt['annotations']:
    if rng.uniform() < 0.1:
        continue  # missed person
    sd = rng.choice([0.5, 2.0, 4.0, 8.0, 15.0])
    score = round(float(rng.uniform(0.3, 1.0)), 1)  # one decimal: many ties
    x, y, w, h = ann['bbox']
    res.append(dict(image_id=ann['image_id'], category_id=1, keypoints=kp_noise(ann, sd), score=score,
                    bbox=[x, y, w, h]))
    if rng.uniform() < 0.25:  # duplicate
        res.append(dict(image_id=ann['image_id'], category_id=1, keypoints=kp_noise(ann, sd + 1), score=round(score * 0.9, 2),
                        bbox=[x + 2, y + 2, w, h]))
for img in gt['images']:
    for _ in range(rng.integers(0, 3)):  # false positives
        w, h = rng.uniform(20, 120), rng.uniform(40, 200)
        x, y = rng.uniform(0, img['width'] - w), rng.uniform(0, img['height'] - h)
        kps = []
        for i in range(17):
            kps += [round(x + rng.uniform(0, w), 2), round(y + rng.uniform(0, h), 2), round(float(rng.uniform(0.05, 1)), 3)]
        res.append(dict(image_id=img['id'], category_id=1, keypoints=kps, score=round(float(rng.uniform(0.1, 0.9)), 1),
                        bbox=[round(x, 2), round(y, 2), round(w, 2), round(h, 2)]))
json.dump(res, open(sys.argv[2], 'w'))
json.dump([{k: v for k, v in r.items() if k != 'bbox'} for r in res], open(sys.argv[3], 'w'))
print(len(gt['annotations']), 'gts', len(res), 'results')

import contextlib
import io
import numpy as np
from xtcocotools.coco import COCO
from xtcocotools.cocoeval import COCOeval
sigmas = np.array([0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087,
                   0.087, 0.089, 0.089], dtype=np.float32)
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(sys.argv[1])
    dt = gt.loadRes(sys.argv[2])
    e = COCOeval(gt, dt, 'keypoints', sigmas, True)
    e.params.useSegm = None
    e.evaluate(); e.accumulate(); e.summarize()
print(', '.join(repr(float(v)) for v in e.stats))
