A_NAME = "a:" + __name__
