# expect: not allowed
import os
os.system('touch MARK')
