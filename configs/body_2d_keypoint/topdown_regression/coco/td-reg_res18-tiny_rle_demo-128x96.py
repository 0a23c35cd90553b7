_base_ = ['../../topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py']

# The second demo, not a heatmap model: RLE regression (ResNet-18 narrow + GlobalAveragePooling +
# RLEHead) on 128x96 crops of the synthetic COCO set; the heatmap demo's data, schedule and
# optimizer (Adam 2e-3 at bs 16, where MMPose's RLE config has 1e-3 at bs 64).
# docs/benchmarks.md ("The RLE demo") has the measured run and its AP.

# RLE regresses coordinates normalised by the input size, no heatmaps (a name of its own: a
# top-level `codec` would merge into the base's MSRAHeatmap dict)
rle_codec = dict(type='RegressionLabel', input_size=(96, 128))

# MMPose's td-reg_res50_rle-8xb64-210e_coco-256x192.py built narrow: ResNet, global average
# pooling, RLEHead (fc to coordinates and sigmas, RealNVP flow in the loss)
model = dict(
    backbone=dict(strides=(1, 2, 2, 2)),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        _delete_=True,
        type='RLEHead',
        in_channels=128,
        num_joints=17,
        loss=dict(type='RLELoss', use_target_weight=True),
        decoder=rle_codec),
    test_cfg=dict(_delete_=True, flip_test=True, shift_coords=True))

train_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', scale_factor=(0.75, 1.25), rotate_factor=30),
    dict(type='TopdownAffine', input_size=rle_codec['input_size']),
    dict(type='GenerateTarget', encoder=rle_codec),
    dict(type='PackPoseInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
