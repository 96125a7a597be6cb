import _circ2
X = 1
