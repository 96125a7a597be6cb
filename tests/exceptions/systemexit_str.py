print("out")
raise SystemExit("fatal message")
