if True:
	x = 1
	if x:
		print("tab indented", x)
def g():
	return "tab body"
print(g())
