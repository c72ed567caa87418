"""Moved to the compare package; this name stays so existing imports keep working."""

import sys

from newsprism.compare import retractions as _moved

sys.modules[__name__] = _moved
