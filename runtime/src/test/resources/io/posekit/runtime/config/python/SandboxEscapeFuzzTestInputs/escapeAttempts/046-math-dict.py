# expect: not allowed
import math
x = math.__dict__
