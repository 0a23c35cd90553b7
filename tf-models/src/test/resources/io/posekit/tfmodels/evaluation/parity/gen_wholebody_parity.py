"""A generated COCO-WholeBody ground truth and predictions (never real data), with what MMPose's
CocoWholeBodyMetric reports (whole body) and what xtcocotools' COCOeval gives per part on MMPose's
results file, for CocoWholeBodyMetricParityTest. Covers a crowd region, missing joints, a person
whose face and right hand are unlabelled, an image without people that gets a prediction, and a
person nobody predicted.
Run: . /work/ref/pyenv.sh && cd /work/ref/mmpose && python3 <this file> <this folder>"""
import json
import sys
import tempfile

import numpy as np
from xtcocotools.coco import COCO
from xtcocotools.cocoeval import COCOeval

from mmpose.datasets.datasets.utils import parse_pose_metainfo
from mmpose.evaluation.metrics import CocoWholeBodyMetric

OUT = sys.argv[1]
rng = np.random.RandomState(133)
PARTS = [('keypoints', 17, 'keypoints_body'), ('foot_kpts', 6, 'keypoints_foot'), ('face_kpts', 68, 'keypoints_face'),
         ('lefthand_kpts', 21, 'keypoints_lefthand'), ('righthand_kpts', 21, 'keypoints_righthand')]


def person(x0, y0, w, h, unlabelled=()):
    ann = {}
    for key, n, _ in PARTS:
        k = []
        for _ in range(n):
            if key in unlabelled or rng.rand() < 0.15:
                k += [0, 0, 0]
            else:
                k += [round(float(x0 + rng.uniform(0, w)), 2), round(float(y0 + rng.uniform(0, h)), 2), 2]
        ann[key] = k
    ann['bbox'] = [x0, y0, w, h]
    ann['area'] = round(w * h * 0.7, 1)
    ann['num_keypoints'] = sum(1 for v in ann['keypoints'][2::3] if v > 0)
    return ann


images = [dict(id=i, file_name=f'{i}.jpg', width=640, height=480) for i in (1, 2, 3, 4)]
anns = [
    dict(id=11, image_id=1, category_id=1, iscrowd=0, **person(10, 10, 120, 260)),
    dict(id=12, image_id=1, category_id=1, iscrowd=0, **person(300, 40, 90, 200, unlabelled=('face_kpts', 'righthand_kpts'))),
    dict(id=13, image_id=1, category_id=1, iscrowd=1, **person(420, 20, 150, 300)),
    dict(id=21, image_id=2, category_id=1, iscrowd=0, **person(50, 60, 60, 120)),
    dict(id=22, image_id=2, category_id=1, iscrowd=0, **person(200, 60, 140, 300)),  # never predicted
    dict(id=31, image_id=3, category_id=1, iscrowd=0, **person(100, 100, 200, 300)),
]
gt = dict(images=images, annotations=anns, categories=[dict(id=1, name='person', supercategory='person')])
with open(f'{OUT}/wholebody_gt.json', 'w') as f:
    json.dump(gt, f)


def predict(ann, sd):
    k, vis = [], []
    for key, n, _ in PARTS:
        a = np.array(ann[key], dtype=float).reshape(-1, 3)
        x, y, w, h = ann['bbox']
        for kx, ky, v in a:
            if v > 0:
                k.append([kx + rng.normal(0, sd), ky + rng.normal(0, sd)])
            else:
                k.append([x + rng.uniform(0, w), y + rng.uniform(0, h)])
    # float32, as a model's decoded keypoints and scores are
    return np.array([k]).round(2).astype(np.float32), rng.uniform(0.1, 1.0, (1, 133)).round(3).astype(np.float32)


samples = []
pid = 0
for ann, sd in [(anns[0], 3), (anns[0], 9), (anns[1], 5), (anns[2], 4), (anns[3], 2), (anns[5], 12)]:
    kp, sc = predict(ann, sd)
    x, y, w, h = ann['bbox']
    samples.append(dict(id=pid, img_id=ann['image_id'], category_id=1,
                        pred_instances=dict(keypoints=kp, keypoint_scores=sc),
                        gt_instances=dict(bbox_scores=np.array([round(float(rng.uniform(0.5, 1)), 2)], dtype=np.float32),
                                          bbox_scales=np.array([[w * 1.25, h * 1.25]]))))
    pid += 1
kp = np.array([[[rng.uniform(0, 600), rng.uniform(0, 400)] for _ in range(133)]]).round(2).astype(np.float32)  # image 4 has no people
samples.append(dict(id=pid, img_id=4, category_id=1, pred_instances=dict(keypoints=kp, keypoint_scores=rng.uniform(0.1, 1, (1, 133)).round(3).astype(np.float32)),
                    gt_instances=dict(bbox_scores=np.array([0.7], dtype=np.float32), bbox_scales=np.array([[100.0, 200.0]]))))

meta = parse_pose_metainfo(dict(from_file='configs/_base_/datasets/coco_wholebody.py'))
tmp = tempfile.mkdtemp()
metric = CocoWholeBodyMetric(ann_file=f'{OUT}/wholebody_gt.json', outfile_prefix=f'{tmp}/res')
metric.dataset_meta = meta
metric.process([], samples)
whole = {k: float(v) for k, v in metric.compute_metrics(metric.results).items()}
results = json.load(open(f'{tmp}/res.keypoints.json'))

coco = COCO(f'{OUT}/wholebody_gt.json')
det = coco.loadRes(f'{tmp}/res.keypoints.json')
cuts = np.cumsum([0] + [n for _, n, _ in PARTS])
parts = {}
for i, (key, n, iou) in enumerate(PARTS):
    e = COCOeval(coco, det, iou, meta['sigmas'][cuts[i]:cuts[i + 1]], use_area=True)
    e.params.useSegm = None
    e.evaluate()
    e.accumulate()
    e.summarize()
    parts[iou] = [float(s) for s in e.stats]


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v.tolist() if isinstance(v, np.ndarray) else v


with open(f'{OUT}/wholebody_metric.json', 'w') as f:
    json.dump(dict(samples=[plain(s) for s in samples], whole=whole, parts=parts, results=results), f)
print(whole)
print(parts)
