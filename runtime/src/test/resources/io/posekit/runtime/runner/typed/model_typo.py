_base_ = ['_base_/model_typo.py']
model = dict(head=dict(out_channels=133))
