"""Signal extractors, one module per signal; the module name is the registry key.

>>> from newsvet.signals import REGISTRY
>>> sorted(REGISTRY)  # doctest: +SKIP
"""

from __future__ import annotations

from .base import REGISTRY, Evidence, Measurement, Signal, SignalSpec, evidence, register

# Importing a module registers its extractor. Order here is the order of the
# model's feature vector, so append new signals at the end.
from . import hedging as _hedging  # noqa: F401,E402
from . import unattributed_figures as _unattributed_figures  # noqa: F401,E402
from . import seo_filler as _seo_filler  # noqa: F401,E402
from . import comment_bots as _comment_bots  # noqa: F401,E402
from . import sourcing as _sourcing  # noqa: F401,E402
from . import readability as _readability  # noqa: F401,E402
from . import clickbait as _clickbait  # noqa: F401,E402
from . import ai_markers as _ai_markers  # noqa: F401,E402

__all__ = ["REGISTRY", "Evidence", "Measurement", "Signal", "SignalSpec", "evidence", "register"]
