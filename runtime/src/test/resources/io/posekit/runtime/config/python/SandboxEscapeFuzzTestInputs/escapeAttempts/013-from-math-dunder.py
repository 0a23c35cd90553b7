# expect: not allowed
from math import __builtins__ as b
x = b
