# expect: not allowed
from java.net import Socket
Socket('127.0.0.1', PORT)
