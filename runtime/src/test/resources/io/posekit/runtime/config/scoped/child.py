_base_ = 'demo::_base_/runtime.py'
