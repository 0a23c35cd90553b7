# expect: not allowed
from java.lang import System
System.exit(3)
