from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsvet")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"
