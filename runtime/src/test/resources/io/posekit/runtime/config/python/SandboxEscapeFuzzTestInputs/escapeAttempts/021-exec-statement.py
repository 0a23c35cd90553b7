# expect: not allowed
exec "import os"
