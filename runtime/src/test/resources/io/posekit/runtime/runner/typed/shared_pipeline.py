_base_ = ['_base_/coco_data.py']
train_pipeline = [dict(type='LoadImag')]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
