# expect: not allowed
from java.io import File
File('MARK').createNewFile()
