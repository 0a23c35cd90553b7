_base_ = ['../../../_base_/default_runtime.py']

# A narrow ResNet-18 (16 base channels) on 128x96 crops of the synthetic COCO set, 32x24 heatmaps.
# Sized for the README's main command: build and training together in under 15 minutes on
# 2 CPU cores (docs/benchmarks.md has the measured run and its per-epoch AP).
train_cfg = dict(max_epochs=14, val_interval=1)
randomness = dict(seed=0)

# Adam at 2e-3 (bs 16): a small net on a small set takes a higher rate than MMPose's 5e-4 at bs 64
optim_wrapper = dict(optimizer=dict(type='Adam', lr=2e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.1, by_epoch=False),  # warm-up
    dict(type='MultiStepLR', begin=0, end=14, milestones=[10, 13], gamma=0.1, by_epoch=True)
]

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=25),
    checkpoint=dict(save_best='coco/AP', rule='greater', interval=1, max_keep_ckpts=2))

# stride-4 heatmaps as in MMPose (256x192 -> 64x48); 16x12 ones are too coarse for OKS at 0.75-0.95
codec = dict(type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(24, 32), sigma=2)

model = dict(
    type='TopdownPoseEstimator',
    data_preprocessor=dict(
        type='PoseDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    # output stride 16 (last stage not strided): 8x6 features, two deconvolutions up to 32x24
    backbone=dict(type='ResNet', depth=18, stem_channels=16, base_channels=16, strides=(1, 2, 2, 1)),
    head=dict(
        type='HeatmapHead',
        in_channels=128,
        out_channels=17,
        deconv_out_channels=(64, 64),
        deconv_kernel_sizes=(4, 4),
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=True, flip_mode='heatmap', shift_heatmap=True))

dataset_type = 'CocoDataset'
data_mode = 'topdown'
data_root = 'data/posekit_demo/'

# written by the trainer when data_root has no annotations (make-demo-data does the same)
demo_data = dict(data_root=data_root, num_train=1000, num_val=100, width=320, height=240, seed=0)

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    # milder than MMPose's (0.5, 1.5) and 80 degrees: 14 short epochs, and the figures already vary
    dict(type='RandomBBoxTransform', scale_factor=(0.75, 1.25), rotate_factor=30),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs')
]

# train and val batches are equal, so `test` of a checkpoint runs the graph validation ran
train_dataloader = dict(
    batch_size=16,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_mode=data_mode,
        ann_file='annotations/person_keypoints_train2017.json',
        data_prefix=dict(img='train2017/'),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    num_workers=0,
    persistent_workers=False,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_mode=data_mode,
        ann_file='annotations/person_keypoints_val2017.json',
        data_prefix=dict(img='val2017/'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader

val_evaluator = dict(type='CocoMetric')
test_evaluator = val_evaluator
