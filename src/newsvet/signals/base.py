"""The common result of every signal extractor, and the registry.

An extractor is a pure function ``(doc, *, lang) -> Measurement`` registered
with :func:`register`. The registry wraps it so callers always get a
:class:`Signal` carrying the extractor's name and version, every declared
value (``None`` where not measurable), and evidence spans that were checked to
index their field.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from ..ingest.document import Document

try:  # hand-written C for lower-casing, where built and used (newsvet._compiled)
    from .._speedups import lower_plain as _c_lower_plain
except ImportError:
    _c_lower_plain = None

__all__ = [
    "Evidence",
    "Signal",
    "Measurement",
    "SignalSpec",
    "register",
    "REGISTRY",
    "evidence",
    "body_text",
    "field_text",
    "lower_keeping_offsets",
]

logger = logging.getLogger("newsvet.signals")


def fast_frozen_init(cls: type) -> type:
    """Give a frozen, slotted dataclass an ``__init__`` that fills the slots
    through their descriptors: the generated one calls
    ``object.__setattr__`` per field, about three times slower, and signals
    build hundreds of these objects per article. Same signature, defaults,
    equality, hash and immutability (assignment still raises
    ``FrozenInstanceError``). Fields with default factories are not supported.
    """
    import dataclasses

    params = []
    body = []
    env: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        if not f.init or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: not supported by fast_frozen_init")
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        env[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        body.append(f"    _set_{f.name}(self, {f.name})")
    src = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(src, env)  # noqa: S102 - generated from the field names only
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a Document field that supports a signal.

    ``doc.field_text(field)[start:end] == text`` always holds.
    """

    field: str
    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
        }


# the body of the last Document asked for: ``Document.body`` joins the
# paragraphs on every call, and one article asks for it dozens of times
# (every evidence span, every check); a Document is immutable, so while this
# holds it, the same object always has the same body
_LAST_BODY: list[tuple[Document, str] | None] = [None]


def body_text(doc: Document) -> str:
    """``doc.body``, joined once per Document (the last one is remembered)."""
    last = _LAST_BODY[0]
    if last is not None and last[0] is doc:
        return last[1]
    body = doc.body
    _LAST_BODY[0] = (doc, body)
    return body


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with the same length, so offsets carry over: where
    lower-casing changes the length (a few characters, "İ" among them), each
    such character is kept as it is."""
    if _c_lower_plain is not None:
        # in C (newsvet._speedups) for the usual texts: the characters outside
        # ASCII, if any, are not upper- or title-case, so lower() keeps them
        low = _c_lower_plain(text)
        if low is not None:
            return low
    return lower_keeping_offsets_reference(text)


def lower_keeping_offsets_reference(text: str) -> str:
    """:func:`lower_keeping_offsets` in Python (``newsvet._speedups.lower_plain``
    is tested against it)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def field_text(doc: Document, field_name: str) -> str:
    """``doc.field_text(field_name)``, with the body joined once (:func:`body_text`)."""
    if field_name == "body":
        return body_text(doc)
    return doc.field_text(field_name)


def evidence(doc: Document, field_name: str, start: int, end: int, reason: str) -> Evidence:
    """Build an Evidence whose text is read from the document itself."""
    text = field_text(doc, field_name)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Evidence(field_name, start, end, text[start:end], reason)


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Measurement:
    """What an extractor function returns; the registry adds name and version."""

    score: float | None
    values: Mapping[str, float | None]
    evidence: Sequence[Evidence] = ()
    low_confidence: bool = False
    notes: Sequence[str] = ()


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Signal:
    """The result of one extractor on one Document.

    ``score`` is in [0, 1], higher meaning more content-farm-like, or None
    when the signal could not be measured. ``values`` are the named
    measurements (the model's features are ``"<name>.<key>"``).
    """

    name: str
    version: str
    score: float | None
    values: Mapping[str, float | None]
    evidence: tuple[Evidence, ...] = ()
    low_confidence: bool = False
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "score": self.score,
            "values": dict(self.values),
            "evidence": [e.to_dict() for e in self.evidence],
            "low_confidence": self.low_confidence,
            "notes": list(self.notes),
        }


Extractor = Callable[..., Measurement]


@dataclass(frozen=True)
class SignalSpec:
    name: str
    version: str
    description: str
    #: the value keys this extractor always reports (the model's features)
    value_names: tuple[str, ...]
    func: Extractor = field(repr=False)

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(f"{self.name}.{v}" for v in self.value_names)

    def __call__(self, doc: Document, *, lang: str = "en") -> Signal:
        """Run the extractor; never raises on document content.

        An exception inside an extractor is a bug, but one bad page must not
        stop a batch: it is logged and the signal comes back unmeasured and
        flagged low-confidence.
        """
        try:
            m = self.func(doc, lang=lang)
        except Exception as exc:  # noqa: BLE001 - see docstring
            logger.exception("signal %s failed", self.name)
            return Signal(
                self.name,
                self.version,
                None,
                {k: None for k in self.value_names},
                (),
                True,
                (f"extractor failed: {type(exc).__name__}",),
            )
        values = {k: _clean(m.values.get(k)) for k in self.value_names}
        checked = []
        for ev in m.evidence:
            try:
                ok = field_text(doc, ev.field)[ev.start : ev.end] == ev.text
            except KeyError:
                ok = False
            if ok:
                checked.append(ev)
            else:  # pragma: no cover - guarded by the property tests
                logger.warning("signal %s: dropped an evidence span that does not index %s",
                               self.name, ev.field)
        score = _clean(m.score)
        if score is not None:
            score = min(1.0, max(0.0, score))
        return Signal(
            self.name,
            self.version,
            score,
            values,
            tuple(checked),
            bool(m.low_confidence),
            tuple(m.notes),
        )


def _clean(v: object) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


#: name -> spec, in registration order
REGISTRY: dict[str, SignalSpec] = {}


def register(
    name: str, *, version: str, values: Sequence[str], description: str = ""
) -> Callable[[Extractor], Extractor]:
    """Register an extractor under ``name`` (which is also its module name)."""

    def deco(func: Extractor) -> Extractor:
        doc = description or (func.__doc__ or "").strip().splitlines()[0]
        REGISTRY[name] = SignalSpec(name, version, doc, tuple(values), func)
        return func

    return deco
