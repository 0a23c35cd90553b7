"""MMPose's RTMPose train pipeline on the images PipelineBenchmark generated, for the speed ratio
in docs/benchmarks.md (rtm-recipe section).

  . /work/ref/pyenv.sh && /usr/bin/python3 benchmarks/python/rtmpose_pipeline.py DATA_DIR [--epochs 3]

albumentations cannot be installed here (no PyPI), so MMPose's ``Albumentation`` step cannot be
built. The script times:
  * ``without-albu``: MMPose's pipeline minus the Albumentation step (every other step is MMPose's
    own code, mmdet's YOLOXHSVRandomAug as MMPose's copy of it), the part both sides run;
  * ``cv2-albu``: the same plus a stand-in for the Albumentation step that makes albumentations
    1.3's draws and calls the same OpenCV functions it calls (Blur p=0.1, MedianBlur p=0.1,
    CoarseDropout p=1 with RTMPose's hole sizes), without albumentations' own per-call overhead,
    so it under-states MMPose's cost.
Serial (one process, no workers): samples per second and CPU ms per sample.
"""
import argparse
import random
import resource
import time

import cv2
import numpy as np
from mmpose.datasets.datasets.body import CocoDataset

codec = dict(type='SimCCLabel', input_size=(192, 256), sigma=(4.9, 5.66), simcc_split_ratio=2.0,
             normalize=False, use_dark=False)


class Cv2Albu:
    """albumentations 1.3's Blur, MedianBlur and CoarseDropout as RTMPose writes them, on cv2."""

    def __call__(self, results):
        img = results['img']
        if random.random() < 0.1:
            img = cv2.blur(img, (random.choice([3, 5, 7]),) * 2)
        if random.random() < 0.1:
            img = cv2.medianBlur(img, random.choice([3, 5, 7]))
        if random.random() < 1.0:
            h, w = img.shape[:2]
            for _ in range(random.randint(1, 1)):
                hh = int(h * random.uniform(0.2, 0.4))
                hw = int(w * random.uniform(0.2, 0.4))
                y1, x1 = random.randint(0, h - hh), random.randint(0, w - hw)
                img = img.copy()
                img[y1:y1 + hh, x1:x1 + hw] = 0
        results['img'] = img
        return results


def pipeline(with_albu):
    steps = [
        dict(type='LoadImage'),
        dict(type='GetBBoxCenterScale'),
        dict(type='RandomFlip', direction='horizontal'),
        dict(type='RandomHalfBody'),
        dict(type='RandomBBoxTransform', scale_factor=[0.6, 1.4], rotate_factor=80),
        dict(type='TopdownAffine', input_size=codec['input_size']),
        dict(type='YOLOXHSVRandomAug'),
    ]
    if with_albu:
        steps.append(Cv2Albu())
    return steps + [dict(type='GenerateTarget', encoder=codec), dict(type='PackPoseInputs')]


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data_dir')
    ap.add_argument('--epochs', type=int, default=3)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    np.random.seed(0)
    random.seed(0)
    for name in ('without-albu', 'cv2-albu'):
        ds = CocoDataset(data_root=args.data_dir, ann_file='annotations/person_keypoints_train2017.json',
                         data_prefix=dict(img='train2017/'), pipeline=pipeline(name == 'cv2-albu'))
        n = len(ds)
        for epoch in range(args.epochs):
            order = np.random.permutation(n)
            t0, c0 = time.perf_counter(), cpu_seconds()
            check = 0
            for i in order:
                out = ds[int(i)]
                check += int(out['inputs'][0, 96, 128])
            s, c = time.perf_counter() - t0, cpu_seconds() - c0
            print(f'mmpose {name} epoch={epoch}{" (warm-up)" if epoch == 0 else ""}: {n} samples in {s:.2f} s = '
                  f'{n / s:.1f} samples/s; {c * 1e3 / n:.2f} ms CPU per sample (checksum {check})', flush=True)


if __name__ == '__main__':
    main()
