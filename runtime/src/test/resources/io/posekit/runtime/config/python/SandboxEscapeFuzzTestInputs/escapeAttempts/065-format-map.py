# expect: not allowed
x = '{a}'.format_map({'a': 1})
