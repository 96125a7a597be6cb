print("crlf line 1")
if True:
    print("crlf line 2")
