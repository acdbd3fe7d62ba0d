"""newsvet's cache directory, for files built once from what the packages ship.

``$NEWSVET_CACHE_DIR``, else ``~/.cache/newsvet``, else (when neither is
writable) a per-user folder in the system temp directory, used only if this
user owns it and no one else can write to it (else a fresh temporary folder). What is kept there
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
    try:
        candidates.append(Path.home() / ".cache" / "newsvet")
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry (some containers)
        pass
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    shared_tmp = Path(tempfile.gettempdir()) / f"newsvet-{uid}"
    candidates.append(shared_tmp)
    for c in candidates:
        try:
            c.mkdir(mode=0o700 if c == shared_tmp else 0o777, parents=True, exist_ok=True)
            if c == shared_tmp and not _private(c):
                continue  # someone else made it (or opened it to others)
            probe = c / f".probe-{os.getpid()}-{threading.get_ident()}"
            probe.write_text("")
            probe.unlink()
            return c
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="newsvet-"))


def _private(folder: Path) -> bool:
    """A folder in the shared temp directory is used only if this user owns
    it and nobody else may write to it: its name is predictable, so another
    user could have made it first to plant files."""
    if not hasattr(os, "getuid"):
        return True
    st = folder.lstat()
    return (
        folder.is_dir()
        and not folder.is_symlink()
        and st.st_uid == os.getuid()
        and not st.st_mode & 0o022
    )
