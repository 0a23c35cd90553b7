# expect: not allowed
import copy
x = copy.deepcopy.__globals__
