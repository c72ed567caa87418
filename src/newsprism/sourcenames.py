"""Moved to the compare package; this name stays so existing imports keep working."""

import sys

from newsprism.compare import sourcenames as _moved

sys.modules[__name__] = _moved
