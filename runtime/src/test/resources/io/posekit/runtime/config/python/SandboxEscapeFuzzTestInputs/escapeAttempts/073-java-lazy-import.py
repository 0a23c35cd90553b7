# expect: not allowed
from torch import nn
x = nn.getClass()
