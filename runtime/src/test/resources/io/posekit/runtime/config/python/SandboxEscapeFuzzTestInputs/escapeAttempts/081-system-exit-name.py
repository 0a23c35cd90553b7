# expect: NameError
raise SystemExit(0)
