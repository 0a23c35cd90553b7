# expect: no directory for package 'java'
from mmengine.config import read_base
with read_base():
    from java.lang import System
x = 1
