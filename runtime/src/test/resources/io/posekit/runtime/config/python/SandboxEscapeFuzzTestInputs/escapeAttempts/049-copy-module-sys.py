# expect: AttributeError
import copy
x = copy.sys.modules
