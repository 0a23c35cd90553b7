# ResNet-101 variant of the ResNet-50 COCO 256x192 config: a deeper backbone,
# everything else unchanged.
_base_ = ['td-hm_res50_8xb64-210e_coco-256x192.py']

model = dict(
    backbone=dict(
        depth=101,
        init_cfg=dict(checkpoint='torchvision://resnet101')))
