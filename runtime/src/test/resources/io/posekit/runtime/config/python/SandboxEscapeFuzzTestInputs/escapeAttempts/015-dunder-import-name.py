# expect: not allowed
os = __import__('os')
os.system('touch MARK')
