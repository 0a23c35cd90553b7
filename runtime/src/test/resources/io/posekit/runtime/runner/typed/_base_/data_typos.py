_base_ = ['coco_data.py']
train_dataloader = dict(
    dataset=dict(
        pipeline=[
            dict(type='LoadImage'),
            dict(type='mmseg.RandomRotate'),
            dict(type='RandomFlip', directon='horizontal'),
            dict(type='TopdownAfine', input_size=(192, 256)),
            dict(type='TopdownAffine', input_size=(192, 256), use_udp=1.5),
        ]))
