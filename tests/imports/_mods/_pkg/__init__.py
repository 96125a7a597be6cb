print("init _pkg", __name__, __package__)
from . import _a
from ._a import A_NAME
