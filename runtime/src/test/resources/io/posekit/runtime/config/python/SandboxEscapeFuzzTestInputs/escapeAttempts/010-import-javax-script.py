# expect: not allowed
from javax.script import ScriptEngineManager
x = ScriptEngineManager()
