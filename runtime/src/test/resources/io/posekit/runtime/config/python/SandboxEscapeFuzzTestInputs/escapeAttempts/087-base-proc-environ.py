# expect: Only py/yml/yaml/json
_base_ = ['/proc/self/environ']
x = 1
