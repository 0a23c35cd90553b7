_base_ = []
default_scope = 'mmpose'
max_epochs = 210
base_lr = 4e-3
input_size = (192, 256)
codec = dict(type='SimCCLabel', input_size=input_size, sigma=(4.9, 5.66), simcc_split_ratio=2.0)
param_scheduler = [dict(type='LinearLR', start_factor=1.0e-5, by_epoch=False, begin=0, end=1000),
                   dict(type='CosineAnnealingLR', eta_min=base_lr * 0.05, begin=max_epochs // 2, end=max_epochs)]
model = dict(type='TopdownPoseEstimator', head=dict(type='RTMCCHead', in_channels=768, out_channels=17,
             input_size=codec['input_size'], in_featuremap_size=tuple([s // 32 for s in codec['input_size']])))
names = ['kpt_%d' % i for i in range(17)]
label = f"{max_epochs:>4}e_{base_lr:.0e}"
import math
ratio = math.sqrt(2.0) * 2 ** 3
