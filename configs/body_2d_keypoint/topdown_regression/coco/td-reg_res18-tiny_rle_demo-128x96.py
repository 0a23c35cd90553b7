_base_ = ['../../../_base_/default_runtime.py']

# The second demo, not a heatmap model: RLE regression (ResNet-18 narrow + GlobalAveragePooling +
# RLEHead) on 128x96 crops of the synthetic COCO set, the heatmap demo's data and schedule.
# docs/benchmarks.md ("The RLE demo") has the measured run and its AP.
train_cfg = dict(max_epochs=14, val_interval=1)
randomness = dict(seed=0)

# Adam at 2e-3 (bs 16): a small net on a small set takes a higher rate than MMPose's 1e-3 at bs 64
optim_wrapper = dict(optimizer=dict(type='Adam', lr=2e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.1, by_epoch=False),  # warm-up
    dict(type='MultiStepLR', begin=0, end=14, milestones=[10, 13], gamma=0.1, by_epoch=True)
]

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=25),
    checkpoint=dict(save_best='coco/AP', rule='greater', interval=1, max_keep_ckpts=2))

# RLE regresses coordinates normalised by the input size, no heatmaps
codec = dict(type='RegressionLabel', input_size=(96, 128))

model = dict(
    type='TopdownPoseEstimator',
    data_preprocessor=dict(
        type='PoseDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    # MMPose's td-reg_res50_rle-8xb64-210e_coco-256x192.py built narrow: ResNet, global average
    # pooling, RLEHead (fc to coordinates and sigmas, RealNVP flow in the loss)
    backbone=dict(type='ResNet', depth=18, stem_channels=16, base_channels=16),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='RLEHead',
        in_channels=128,
        num_joints=17,
        loss=dict(type='RLELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=True, shift_coords=True))

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
