# expect: memory budget
x = 9 ** 9 ** 9
