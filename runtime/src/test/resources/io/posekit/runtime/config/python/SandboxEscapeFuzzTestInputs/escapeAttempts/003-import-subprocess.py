# expect: not allowed
import subprocess
subprocess.call(['touch', 'MARK'])
