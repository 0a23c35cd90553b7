_base_ = ['_base_/coco_data.py']
train_dataloader = dict(batch_size=32)
