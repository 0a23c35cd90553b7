# expect: not allowed
x = (1).getClass().forName('java.lang.Runtime')
