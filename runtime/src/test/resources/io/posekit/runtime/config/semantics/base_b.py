_base_ = './base_c.json'
runtime = dict(seed=None, big=2**40, huge=2**70, eps=1e-05)
