# expect: AttributeError
x = dict(a=1).locationOf('a')
