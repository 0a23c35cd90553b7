# expect: not allowed
import sys
x = sys.modules
