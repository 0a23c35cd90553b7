# expect: not allowed
import math
reload(math)
