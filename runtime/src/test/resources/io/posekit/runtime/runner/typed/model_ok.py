_base_ = ['_base_/models.py']
model = dict(head=dict(out_channels=133))
