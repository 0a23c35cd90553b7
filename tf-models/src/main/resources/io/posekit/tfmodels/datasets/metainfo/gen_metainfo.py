"""Writes MMPose's configs/_base_/datasets/<name>.py dataset_info as <name>.json (the facts PoseKit's
data set classes default to: keypoint and skeleton info, joint weights, sigmas; paper_info left out).
Run from a MMPose checkout: . /work/ref/pyenv.sh && cd /work/ref/mmpose && python3 <this file> <out dir>"""
import json
import sys

from mmengine.config import Config

NAMES = [
    '300w', '300wlp', 'aflw', 'ak', 'animalpose', 'ap10k', 'atrw', 'coco_wholebody',
    'coco_wholebody_face', 'coco_wholebody_hand', 'cofw', 'deepfashion2', 'exlpose', 'freihand2d',
    'halpe', 'horse10', 'humanart', 'humanart21', 'interhand2d', 'interhand3d', 'jhmdb', 'lapa',
    'locust', 'macaque', 'mhp', 'mpii', 'mpii_trb', 'ochuman', 'onehand10k', 'panoptic_hand2d',
    'posetrack18', 'rhd2d', 'ubody2d', 'wflw', 'zebra'
]

for name in NAMES:
    info = Config.fromfile(f'configs/_base_/datasets/{name}.py').dataset_info.to_dict()
    keep = {k: info[k] for k in ('dataset_name', 'keypoint_info', 'skeleton_info', 'joint_weights', 'sigmas')}
    keep['keypoint_info'] = {str(k): v for k, v in keep['keypoint_info'].items()}
    keep['skeleton_info'] = {str(k): v for k, v in keep['skeleton_info'].items()}
    with open(f'{sys.argv[1]}/{name}.json', 'w') as f:
        json.dump(keep, f, separators=(',', ':'))
