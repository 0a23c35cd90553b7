# expect: not allowed
from copy import *
x = 1
