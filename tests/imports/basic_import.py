import sys
sys.path.insert(0, "_mods")
import _helper
import _helper as h2
print(_helper.VALUE, _helper.twice(21), h2 is _helper)
from _helper import twice as tw, VALUE
print(tw(5), VALUE)
print("_helper" in sys.modules, type(_helper).__name__)
import _pkg
print(_pkg.A_NAME, _pkg._a.A_NAME)
import _pkg.sub
print(_pkg.sub._b.B, _pkg.sub.parent_a is _pkg._a)
from _pkg.sub import _b
print(_b.B)
import _circ1
print(_circ1.X)
try:
    import _does_not_exist
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from _helper import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import _broken
except ValueError as e:
    print("ValueError:", e, "_broken" in sys.modules)
print(__name__, _helper.__name__, _pkg.__package__, _pkg.sub.__package__)
