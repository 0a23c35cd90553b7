# expect: not allowed
import math
x = math.__loader__
