"""Fixtures for the pixel transforms of RTMPose's train pipeline (PixelTransformsTest).

Run with Debian's python3 (cv2 4.6, numpy) and MMPose from /work/ref:
  . /work/ref/pyenv.sh && cd <this dir> && /usr/bin/python3 make_pixel_fixtures.py
Every output is raw uint8 (h, w, 3) in C order; the random parameters are fixed here and fed to
the Java transforms, so only the pixel arithmetic is compared.
"""
import cv2
import numpy as np
from mmpose.datasets.transforms.common_transforms import (PhotometricDistortion,
                                                           YOLOXHSVRandomAug)

H, W = 23, 31
rng = np.random.RandomState(7)
img = rng.randint(0, 256, (H, W, 3), dtype=np.uint8)
img[:4, :5] = 200  # grey patch: s == 0 and diff == 0 branches
img[5, 5] = (0, 0, 255)
img.tofile('img.u8')

hsv = rng.randint(0, 256, (H, W, 3), dtype=np.uint8)  # hue past 180 as PhotometricDistortion makes
hsv.tofile('hsv.u8')
cv2.cvtColor(img, cv2.COLOR_BGR2HSV).tofile('img_bgr2hsv.u8')
cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR).tofile('hsv_hsv2bgr.u8')
# 45 wide: OpenCV's AVX2 code converts the first 32 pixels of a row, scalar code the other 13
wide = rng.randint(0, 256, (6, 45, 3), dtype=np.uint8)
wide.tofile('hsv_wide.u8')
cv2.cvtColor(wide, cv2.COLOR_HSV2BGR).tofile('hsv_wide_hsv2bgr.u8')

for k in (3, 5, 7):
    cv2.blur(img, (k, k)).tofile(f'img_blur{k}.u8')
    cv2.medianBlur(img, k).tofile(f'img_median{k}.u8')

# mmdet.YOLOXHSVRandomAug (MMPose keeps an identical copy) with fixed gains
for name, gains in (('a', (3, -17, 25)), ('b', (-4, 29, -30))):
    t = YOLOXHSVRandomAug()
    t._get_hsv_gains = lambda g=gains: np.array(g, dtype=np.int16)
    t.transform({'img': img.copy()})['img'].tofile(f'img_yolox_{name}.u8')

# PhotometricDistortion with fixed flags:
# (contrast_mode, brightness_flag, contrast_flag, hsv_mode, swap_flag, brightness_beta,
#  contrast_alpha, saturation_alpha, hue_delta, swap_channel_order)
cases = {
    'p1': (0, 1, 1, 3, 1, -20.7, 1.3, 0.61, -11, np.array([2, 0, 1])),
    'p2': (1, 1, 1, 1, 0, 31.2, 0.55, 1.45, 17, np.array([0, 1, 2])),
    'p3': (1, 0, 1, 2, 1, 0.0, 1.21, 1.0, 9, np.array([1, 2, 0])),
}
for name, flags in cases.items():
    t = PhotometricDistortion()
    t._random_flags = lambda f=flags: f
    t.transform({'img': img.copy()})['img'].tofile(f'img_photo_{name}.u8')
print('ok')
