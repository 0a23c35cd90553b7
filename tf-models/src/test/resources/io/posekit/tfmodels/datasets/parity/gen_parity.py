"""Writes a small generated annotation file per MMPose 2D data set class (never real data) and the
samples MMPose's class yields from it (get_data_info of every index), for DatasetParityTest.
Run: . /work/ref/pyenv.sh && cd /work/ref/mmpose && python3 <this file> <this folder>"""
import json
import sys

import numpy as np
from scipy.io import savemat

import mmpose.datasets as D

OUT = sys.argv[1]
rng = np.random.RandomState(18)


def kpts(k, some_missing=True):
    out = []
    for _ in range(k):
        if some_missing and rng.rand() < 0.25:
            out += [0, 0, 0]
        else:
            out += [round(float(rng.uniform(1, 90)), 3), round(float(rng.uniform(1, 70)), 3), int(rng.choice([1, 2]))]
    return out


def box():
    x, y = rng.uniform(-5, 60, 2)
    return [round(float(x), 3), round(float(y), 3), round(float(rng.uniform(5, 50)), 3), round(float(rng.uniform(5, 50)), 3)]


def coco(k, extra=lambda ann: None, images=3, per_image=3, no_size=False):
    imgs, anns = [], []
    aid = 100
    for i in range(images):
        img = dict(id=i + 1, file_name=f'{i + 1:06d}.jpg')
        if not no_size:
            img.update(width=96, height=72)
        imgs.append(img)
        for j in range(per_image if i < images - 1 else 0):  # the last image has no people
            kp = kpts(k) if not (i == 0 and j == 2) else [0] * (3 * k)
            ann = dict(id=aid, image_id=i + 1, category_id=1, bbox=box(), iscrowd=int(i == 1 and j == 1),
                       keypoints=kp, num_keypoints=int(sum(1 for v in kp[2::3] if v > 0)), segmentation=[])
            if j == 0:
                ann['area'] = round(float(rng.uniform(100, 900)), 2)
            extra(ann)
            anns.append(ann)
            aid += 1
    return dict(images=imgs, annotations=anns, categories=[dict(id=1, name='person')])


def centre_scale(ann):
    ann['center'] = [round(float(rng.uniform(20, 70)), 3), round(float(rng.uniform(20, 50)), 3)]
    ann['scale'] = round(float(rng.uniform(0.1, 0.4)), 4)
    ann['box_size'] = round(float(rng.uniform(10, 40)), 3)


def wholebody(ann):
    ann['foot_kpts'] = kpts(6)
    ann['face_kpts'] = kpts(68)
    ann['lefthand_kpts'] = kpts(21)
    ann['righthand_kpts'] = kpts(21) if ann['id'] % 2 else [0] * 63
    ann['face_valid'] = bool(ann['id'] % 3)
    ann['lefthand_valid'] = True
    ann['righthand_valid'] = bool(ann['id'] % 2)
    ann['face_box'], ann['lefthand_box'], ann['righthand_box'] = box(), box(), box()
    ann['segmentation'] = []


def mpii(n=5):
    people = []
    for i in range(n):
        people.append(dict(image=f'{(i // 2) + 5:09d}.jpg', center=[round(float(rng.uniform(20, 70)), 2), round(float(rng.uniform(20, 50)), 2)] if i != 3 else [-1, -1],
                           scale=round(float(rng.uniform(0.1, 0.4)), 4),
                           joints=[[round(float(rng.uniform(1, 90)), 2), round(float(rng.uniform(1, 70)), 2)] for _ in range(16)],
                           joints_vis=[int(rng.rand() > 0.2) for _ in range(16)]))
    return people


def mpii_trb():
    d = coco(40, centre_scale)
    for ann in d['annotations']:
        ann['num_joints'] = ann.pop('num_keypoints')
    d['annotations'].reverse()  # MMPose sorts by id
    return d


CASES = [
    # class name, annotation (file content), constructor kwargs
    ('CocoWholeBodyDataset', coco(17, wholebody), {}),
    ('UBody2dDataset', coco(17, wholebody), {}),
    ('CocoWholeBodyHandDataset', coco(17, wholebody), {}),
    ('CocoWholeBodyFaceDataset', coco(17, wholebody), {}),
    ('MpiiDataset', mpii(), {}),
    ('JhmdbDataset', coco(15), {}),
    ('PoseTrack18Dataset', coco(17), {}),
    ('HalpeDataset', coco(136), {}),
    ('WFLWDataset', coco(98, centre_scale), {}),
    ('DeepFashion2Dataset', coco(294), {}),
    ('AnimalKingdomDataset', coco(23), {}),
    ('OneHand10KDataset', coco(21), {}),
    ('Rhd2DDataset', coco(21), {}),
    ('FreiHandDataset', coco(21, no_size=True), {}),
    ('PanopticHand2DDataset', coco(21, lambda a: a.update(head_size=round(float(rng.uniform(5, 30)), 3))), {}),
    ('AP10KDataset', coco(17), {}),
    ('AnimalPoseDataset', coco(20), {}),
    ('ATRWDataset', coco(15), {}),
    ('Horse10Dataset', coco(22), {}),
    ('MacaqueDataset', coco(17), {}),
    ('ZebraDataset', coco(9, no_size=True), {}),
    ('LocustDataset', coco(35, no_size=True), {}),
    ('Face300WDataset', coco(68, centre_scale), {}),
    ('Face300WLPDataset', coco(68), {}),
    ('AFLWDataset', coco(19, centre_scale), dict(test_mode=True)),
    ('COFWDataset', coco(29), {}),
    ('LapaDataset', coco(106), {}),
    ('OCHumanDataset', coco(17), {}),
    ('ExlposeDataset', coco(14), {}),
    ('MpiiTrbDataset', mpii_trb(), {}),
    ('HumanArtDataset', coco(17), {}),
    ('HumanArt21Dataset', coco(17, lambda a: a.update(keypoints_21=kpts(21))), {}),
    ('MpiiDataset', mpii(), dict(test_mode=True, headbox_file='MpiiDataset.headbox.mat'), 'headbox'),
    ('HalpeDataset', coco(136), dict(data_mode='bottomup', test_mode=True), 'bottomup'),
    ('CocoWholeBodyDataset', coco(17, wholebody), dict(data_mode='bottomup'), 'bottomup'),
]

KEYS = ['img_id', 'img_path', 'id', 'bbox', 'bbox_score', 'bbox_center', 'bbox_scale', 'keypoints',
        'keypoints_visible', 'num_keypoints', 'area', 'iscrowd', 'category_id', 'head_size', 'box_size']


def plain(v):
    if isinstance(v, np.ndarray):
        return v.astype(np.float64).tolist()
    if isinstance(v, (np.integer, np.floating)):
        return v.item()
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


# MPII's head boxes: 2 x 2 x people, as mpii_gt_val.mat holds them (zlib-compressed, as MATLAB saves)
boxes = rng.uniform(0, 90, (2, 2, 5)).round(2)
boxes[1] += 15
savemat(f'{OUT}/MpiiDataset.headbox.mat', dict(headboxes_src=boxes), do_compression=True)

for case in CASES:
    name, ann, kwargs = case[:3]
    tag = case[3] if len(case) > 3 else 'topdown'
    file = f'{name}.{tag}.json'
    with open(f'{OUT}/{file}', 'w') as f:
        json.dump(ann, f)
    kw = dict(kwargs)
    if 'headbox_file' in kw:
        kw['headbox_file'] = f"{OUT}/{kw['headbox_file']}"
    ds = getattr(D, name)(ann_file=file, data_root=OUT, data_prefix=dict(img='imgs/'), **kw)
    samples = []
    for i in range(len(ds)):
        info = ds.get_data_info(i)
        samples.append({k: plain(info[k]) for k in KEYS if k in info and info[k] is not None})
    with open(f'{OUT}/{name}.{tag}.expected.json', 'w') as f:
        json.dump(dict(kwargs=kwargs, samples=samples), f)
    print(name, tag, len(samples))
