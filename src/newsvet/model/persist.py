"""Saving and loading models: one joblib bundle, checked by sha256 before loading.

A joblib (pickle) file can run code when loaded, so :func:`load_model` loads
only files whose sha256 is listed in ``newsvet/model/data/manifest.json``
(the models shipped with newsvet) unless ``trust=True``. The bundle holds
plain data only (numpy arrays, floats, strings, dicts), no pickled newsvet
classes, so a file stays readable across code changes.

Bundle keys: ``format``, ``format_version``, ``name``, ``version``,
``state`` (the fitted numbers), ``feature_names``, ``signal_versions``,
``versions`` (newsvet, scikit-learn, numpy, python), ``data_hash``,
``metrics``, ``info``.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import stat
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import joblib

from ..errors import ModelError
from .reliability import Model
from .stack import ReliabilityStack

__all__ = ["DEFAULT_MODEL_FILE", "default_model_path", "file_sha256", "load_model", "save_model"]

logger = logging.getLogger("newsvet.model")

DEFAULT_MODEL_FILE = "newsvet-reliability-v1.joblib"
FORMAT = "newsvet-model"
FORMAT_VERSION = 1


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _data_dir() -> Path:
    return Path(str(resources.files("newsvet.model").joinpath("data")))


def default_model_path() -> Path:
    """The model file shipped inside the package."""
    return _data_dir() / DEFAULT_MODEL_FILE


def _manifest_path() -> Path:
    return _data_dir() / "manifest.json"


def _read_manifest() -> dict[str, Any]:
    p = _manifest_path()
    if not p.is_file():
        return {"models": {}}
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{p} is not valid JSON: {exc}") from exc


def known_sha256() -> dict[str, dict[str, Any]]:
    """sha256 -> entry, for every model file newsvet ships."""
    return {e["sha256"]: {"file": f, **e} for f, e in _read_manifest().get("models", {}).items()}


def _to_bundle(model: Model) -> dict[str, Any]:
    import platform

    import numpy
    import sklearn

    from .._version import __version__

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": model.name,
        "version": model.version,
        "state": model.stack.to_state(),
        "feature_names": list(model.feature_names),
        "signal_versions": dict(model.signal_versions),
        "versions": {
            "newsvet": __version__,
            "sklearn": sklearn.__version__,
            "numpy": numpy.__version__,
            "python": platform.python_version(),
        },
        "data_hash": model.data_hash,
        "metrics": model.metrics,
        "info": model.info,
    }


def save_model(model: Model, path: str | os.PathLike[str], *, register: bool | None = None) -> str:
    """Write ``model`` to ``path`` (joblib) and ``path.sha256``; return the sha256.

    When ``path`` is (or links to) the package's default model file, or
    ``register=True``, its sha256 is recorded in the package manifest so
    :func:`load_model` accepts it without ``trust=True``.
    """
    path = Path(path)
    target = path.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".model-", suffix=".joblib")
    os.close(fd)
    try:
        joblib.dump(_to_bundle(model), tmp, compress=("zlib", 6))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    digest = file_sha256(target)
    sidecar = path.parent / (path.name + ".sha256")
    sidecar.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    if register is None:
        try:
            register = target == default_model_path().resolve()
        except OSError:
            register = False
    if register:
        manifest = _read_manifest()
        manifest.setdefault("models", {})[target.name] = {
            "sha256": digest,
            "name": model.name,
            "version": model.version,
            "data_hash": model.data_hash,
        }
        _manifest_path().write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    model.sha256 = digest
    return digest


#: largest model file read (bytes); a model bundle is a few MB
MAX_MODEL_BYTES = 512 * 1024 * 1024


def _one_line(text: object, limit: int = 300) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _read_model_bytes(p: Path) -> bytes:
    """The bytes of a model file, read once (they are hashed and then unpickled from memory)."""
    try:
        with open(p, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ModelError(f"model file {p} is not a regular file")
            data = fh.read(MAX_MODEL_BYTES + 1)
    except OSError as exc:
        raise ModelError(f"cannot read model file {p}: {_one_line(exc)}") from None
    if len(data) > MAX_MODEL_BYTES:
        raise ModelError(f"model file {p} is larger than {MAX_MODEL_BYTES:,} bytes")
    return data


def _untrusted_message(p: Path, digest: str) -> str:
    shipped = _read_manifest().get("models", {})
    if p.name in shipped:
        what = (
            f"it has the name of a model shipped with newsvet but not its sha256 (altered or "
            f"corrupted: sha256 {digest[:12]}…, expected {str(shipped[p.name].get('sha256'))[:12]}…)"
        )
    else:
        what = f"its sha256 {digest[:12]}… is not in the manifest of models shipped with newsvet"
    return (
        f"refusing to load model {p}: {what}. joblib files can run code when loaded (a pickle "
        "can execute arbitrary code), so an unknown file is never unpickled. If you trust this "
        "file, pass trust=True (CLI: --trust-model)"
    )


def load_model(
    path: str | os.PathLike[str] | None = None, *, trust: bool = False, strict: bool = True
) -> Model:
    """Load a model; ``None`` loads the one shipped with newsvet.

    The file's sha256 must be one newsvet ships (``model/data/manifest.json``)
    unless ``trust=True``: a joblib file is a pickle and can run code when
    loaded. The file is read once; those very bytes are hashed and, only
    once accepted, unpickled from memory (a file swapped after the check is
    never loaded). ``strict`` (default) raises ModelError when the installed
    signals differ from those the model was trained on; with ``strict=False``
    a warning is logged instead. Every failure is a one-line ModelError.
    """
    p = Path(path) if path is not None else default_model_path()
    if not p.is_file():
        raise ModelError(f"model file not found: {p}")
    data = _read_model_bytes(p)
    digest = hashlib.sha256(data).hexdigest()
    if not trust and digest not in known_sha256():
        raise ModelError(_untrusted_message(p, digest))
    try:
        bundle = joblib.load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a truncated or corrupt file is one line
        raise ModelError(
            f"could not read model file {p} (truncated or not a joblib file?): "
            f"{type(exc).__name__}: {_one_line(exc, 200)}"
        ) from None
    finally:
        del data
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ModelError(f"{p} is not a newsvet model bundle")
    try:
        fmt = int(bundle.get("format_version", 0))
    except (TypeError, ValueError):
        raise ModelError(f"{p}: malformed model bundle (format_version)") from None
    if fmt > FORMAT_VERSION:
        raise ModelError(f"{p} needs a newer newsvet (bundle format {fmt})")
    try:
        stack = ReliabilityStack.from_state(bundle["state"])
        model = Model(
            stack=stack,
            name=str(bundle.get("name", "")),
            version=str(bundle.get("version", "")),
            signal_versions=dict(bundle.get("signal_versions", {})),
            metrics=dict(bundle.get("metrics", {})),
            data_hash=str(bundle.get("data_hash", "")),
            info={**dict(bundle.get("info", {})), "versions": bundle.get("versions", {})},
            sha256=digest,
        )
    except Exception as exc:  # noqa: BLE001 - malformed state of any kind is one line
        raise ModelError(
            f"{p}: malformed model state ({type(exc).__name__}: {_one_line(exc, 200)})"
        ) from None
    problems = model.check_signals(strict=strict)
    for msg in problems:
        logger.warning("model %s: %s", model.name, msg)
    return model
