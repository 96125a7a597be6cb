from .. import _a as parent_a
from ..sub import _b
