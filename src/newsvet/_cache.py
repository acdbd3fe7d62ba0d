"""newsvet's cache directory, for files built once from what the packages ship.

``$NEWSVET_CACHE_DIR``, else ``~/.cache/newsvet``, else (when neither is
writable) a per-user folder in the system temp directory. What is kept there
(the NLTK-format CMU dictionary, the language identifier's tables) is derived
from installed packages and rebuilt when missing; nothing is downloaded.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    """The newsvet cache directory (created if needed)."""
    candidates: list[Path] = []
    env = os.environ.get("NEWSVET_CACHE_DIR")
    if env:
        candidates.append(Path(env))
    candidates.append(Path.home() / ".cache" / "newsvet")
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"newsvet-{uid}")
    for c in candidates:
        try:
            c.mkdir(parents=True, exist_ok=True)
            probe = c / f".probe-{os.getpid()}-{threading.get_ident()}"
            probe.write_text("")
            probe.unlink()
            return c
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="newsvet-"))
