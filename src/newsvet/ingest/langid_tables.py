"""py3langid's model tables, memory-mapped from newsvet's cache.

py3langid ships its model as one LZMA-compressed ``.npz``: every process that
identifies a language decompresses it (about 0.4 s) into about 70 MB of
private memory (the float16 feature table and the tokeniser's transition
table). An audit runs one such process per worker, so the same 70 MB is held
once per worker.

:func:`load_tables` writes the decompressed arrays once, as plain ``.npy``
files, under :func:`newsvet._cache.cache_dir` in a folder named after the
model file's SHA-256, and maps them read-only: the pages come from the
operating system's file cache, shared by every process that maps them, and a
process starts without decompressing anything. The arrays are the same
numbers as py3langid's own load (checked in tests/ingest/test_langid_tables.py),
so every language guess is unchanged.

Anything wrong with the cache (unwritable folder, a truncated or altered
file, arrays that do not fit together) falls back to py3langid's own load,
in memory, with a logged warning: the cache can cost memory, never a result.
Only ``.npy`` arrays (never pickles) and a JSON list of labels are read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

__all__ = ["Tables", "load_tables", "model_path"]

LOGGER = logging.getLogger(__name__)

#: files of a cached model; "labels.json" holds the class labels
_ARRAYS = {
    "ptc": np.float16,  # feature x class log-probabilities
    "pc": np.float32,  # class priors
    "nextmove": np.uint32,  # tokeniser transitions, 256 per table row
    "row": np.uint16,  # tokeniser state -> table row
    "output": np.int32,  # tokeniser state -> feature emitted (-1: none)
}
_LAYOUT = "1"  # bump when the files' layout changes


class Tables(NamedTuple):
    """What ``LanguageIdentifier(...)`` is built from."""

    ptc: np.ndarray
    pc: np.ndarray
    classes: list[str]
    nextmove: Any  # a sequence of ints: array.array or a memoryview over the mapped file
    row: Any
    output: list[int]
    mapped: bool  # True when ptc and nextmove are mapped from the cache


def model_path() -> Path:
    """py3langid's bundled model file."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    p = Path(MODEL_FILE)
    return p if p.is_absolute() else Path(MODEL_DIR) / p


def _package_tables(path: Path) -> Tables:
    from py3langid.langid import _load_model_file

    ptc, pc, classes, nextmove, row, output = _load_model_file(path)
    return Tables(np.asarray(ptc), np.asarray(pc), list(classes), nextmove, row, list(output), False)


def _folder(path: Path, digest: str) -> Path:
    from .._cache import cache_dir

    return cache_dir() / f"langid-{_LAYOUT}-{digest[:24]}"


def _write(folder: Path, tables: Tables) -> None:
    """Write the arrays to a temporary folder next to ``folder`` and rename it
    into place (a concurrent writer that wins the rename is as good)."""
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        arrays = {
            "ptc": tables.ptc,
            "pc": tables.pc,
            "nextmove": tables.nextmove,
            "row": tables.row,
            "output": tables.output,
        }
        for name, dtype in _ARRAYS.items():
            np.save(tmp / f"{name}.npy", np.asarray(arrays[name], dtype=dtype), allow_pickle=False)
        (tmp / "labels.json").write_text(json.dumps(tables.classes), encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            tmp.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _read(folder: Path) -> Tables:
    """Map the cached arrays; ValueError/OSError when they are not a model."""
    got = {}
    for name, dtype in _ARRAYS.items():
        mm = np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        if mm.dtype != dtype or mm.ndim != (2 if name == "ptc" else 1):
            raise ValueError(f"{name}.npy has dtype {mm.dtype} and {mm.ndim} dimensions")
        got[name] = mm
    classes = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    ptc, pc, nextmove, row, output = (got[k] for k in ("ptc", "pc", "nextmove", "row", "output"))
    if not (isinstance(classes, list) and all(isinstance(c, str) for c in classes)):
        raise ValueError("labels.json is not a list of labels")
    n_rows = nextmove.shape[0] // 256
    if (
        ptc.shape[1] != len(classes)
        or pc.shape[0] != len(classes)
        or nextmove.shape[0] % 256
        or len(row) != len(output)
        or len(row) == 0
        or int(row.max()) >= n_rows
        or int(nextmove.max()) >= len(row)
        or int(output.max()) >= ptc.shape[0]
        or int(output.min()) < -1
    ):
        raise ValueError("the cached arrays do not fit together")
    return Tables(
        np.asarray(ptc),  # a plain ndarray view of the mapping
        np.array(pc),
        classes,
        # indexing gives Python ints, as array.array does (numpy's stubs do
        # not say that an ndarray has the buffer protocol)
        memoryview(np.asarray(nextmove)),  # type: ignore[arg-type]
        np.asarray(row).tolist(),
        np.asarray(output).tolist(),
        True,
    )


def load_tables(*, use_cache: bool = True) -> Tables:
    """The language model's tables: mapped from the cache (written on first
    use), or py3langid's own in-memory load when the cache cannot be used."""
    path = model_path()
    if not use_cache:
        return _package_tables(path)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        folder = _folder(path, digest)
        if not folder.is_dir():
            tables = _package_tables(path)
            try:
                _write(folder, tables)
            except OSError as err:
                LOGGER.warning("cannot cache the language model in %s (%s): kept in memory", folder, err)
                return tables
        return _read(folder)
    except (OSError, ValueError, RuntimeError) as err:
        LOGGER.warning("language model cache unusable (%s): loading py3langid's model in memory", err)
        return _package_tables(path)
