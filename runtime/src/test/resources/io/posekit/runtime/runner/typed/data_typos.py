_base_ = '_base_/data_typos.py'
val_evaluator = dict(type='CocoMetrc')
