from mmengine.config import read_base

with read_base():
    from .._base_.runtime import no_such_name
