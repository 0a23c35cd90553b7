# expect: AttributeError
import math
x = math.os
