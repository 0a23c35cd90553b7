# ResNet-152 variant of the ResNet-50 COCO 256x192 config; 32 images per GPU.
_base_ = ['td-hm_res50_8xb64-210e_coco-256x192.py']

model = dict(
    backbone=dict(
        depth=152,
        init_cfg=dict(checkpoint='torchvision://resnet152')))

train_dataloader = dict(batch_size=32)
