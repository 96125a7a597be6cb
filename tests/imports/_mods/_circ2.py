import _circ1
print("circ2 sees _circ1 without X:", hasattr(_circ1, "X"))
