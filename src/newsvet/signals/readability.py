"""Readability and surface style of the article body.

A style *descriptor*, not a verdict: the values feed the model, which learns
how they relate to reliability, so the signal's own ``score`` is ``None``.

Values (all from the body; ``None`` when the body has no words):

- ``flesch_reading_ease``, ``flesch_kincaid_grade``: textstat's formulas
  (syllables from the CMU dictionary, see :mod:`newsvet._cmudict`), with the
  language passed explicitly; ``None`` for languages textstat has no formula
  for.
- ``chars_per_word``: mean letters per word.
- ``words_log``: ``ln(1 + number of words)``.
- ``mattr``: moving-average type/token ratio over a window of 50 words
  (lexical diversity that does not fall with text length).
- ``sentence_words_mean``, ``sentence_words_std``, ``sentence_words_cv``:
  sentence length in words, its spread and coefficient of variation.
- ``exclaim_per_sentence``, ``question_per_sentence``: ``!`` and ``?`` per
  sentence.
- ``quote_share``: share of body characters inside quotation marks.
- ``caps_word_share``: share of words of three or more letters written in
  capitals (``SHOCKING``; acronyms count too, the model weighs it).
- ``paragraph_words_mean``, ``paragraph_words_cv``: paragraph length in words
  and its coefficient of variation; ``one_sentence_paragraph_share``: share of
  paragraphs that are a single sentence.

Evidence: sentences ending in ``!`` and runs of three or more capitalised
words, a few of each.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from .._cmudict import ensure_cmudict
from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from .base import Evidence, Measurement, evidence, register

__all__ = ["VALUES", "readability"]

VALUES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "chars_per_word",
    "words_log",
    "mattr",
    "sentence_words_mean",
    "sentence_words_std",
    "sentence_words_cv",
    "exclaim_per_sentence",
    "question_per_sentence",
    "quote_share",
    "caps_word_share",
    "paragraph_words_mean",
    "paragraph_words_cv",
    "one_sentence_paragraph_share",
)

MATTR_WINDOW = 50
#: below this many words the measurements are flagged low-confidence
MIN_WORDS = 80
_MAX_EVIDENCE = 4

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+){2,}\b")
# textstat language tags with a Flesch formula (en uses the CMU dictionary)
_TEXTSTAT_LANG = {
    "en": "en_US",
    "de": "de",
    "es": "es",
    "fr": "fr",
    "it": "it",
    "nl": "nl",
    "ru": "ru",
}


def _mean_std(xs: list[int]) -> tuple[float, float]:
    n = len(xs)
    m = sum(xs) / n
    var = sum((x - m) ** 2 for x in xs) / n
    return m, math.sqrt(var)


def _mattr(tokens: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type/token ratio, in one pass.

    A token adds one distinct type to every window that contains it but not
    its previous occurrence, so the sum over windows of distinct types is a
    sum over tokens of a count of window starts.
    """
    n = len(tokens)
    if n <= window:
        return len(set(tokens)) / n
    last: dict[str, int] = {}
    last_start = n - window
    total = 0
    for i, t in enumerate(tokens):
        lo = i - window + 1
        prev = last.get(t, -1) + 1
        lo = max(lo, prev)
        lo = max(lo, 0)
        hi = min(last_start, i)
        if hi >= lo:
            total += hi - lo + 1
        last[t] = i
    return total / (last_start + 1) / window


def _textstat(text: str, lang: str) -> tuple[float | None, float | None]:
    tag = _TEXTSTAT_LANG.get((lang or "en").split("_")[0].split("-")[0].lower())
    if tag is None:
        return None, None
    if tag == "en_US":
        ensure_cmudict()
    from textstat.backend import metrics

    try:
        fre = metrics.flesch_reading_ease(text, tag)
        fkg = metrics.flesch_kincaid_grade(text, tag)
    except Exception:  # noqa: BLE001 - a missing hyphenation dictionary etc.: not measurable
        return None, None
    return float(fre), float(fkg)


@register(
    "readability",
    version="1",
    values=VALUES,
    description="Readability and surface style of the body (a descriptor; no score)",
)
def readability(doc: Document, *, lang: str = "en") -> Measurement:
    """Readability formulas, lexical diversity, sentence/paragraph shape, emphasis."""
    body = doc.body
    matches = list(_WORD.finditer(body))
    if not matches:
        return Measurement(score=None, values={}, notes=("empty body",))
    words = [m.group(0) for m in matches]
    starts = [m.start() for m in matches]
    n_words = len(words)

    fre, fkg = _textstat(body, lang)
    letters = sum(map(len, words))
    tokens = body.lower()
    tokens_l = [tokens[m.start() : m.end()] for m in matches]

    # sentence and paragraph lengths from word offsets (sentences never cross
    # paragraph breaks: a line break always ends a sentence)
    sents = sentence_spans(body)
    sent_lens = [bisect_left(starts, e) - bisect_left(starts, s) for s, e in sents]
    sent_lens = [x for x in sent_lens if x > 0] or [n_words]
    s_mean, s_std = _mean_std(sent_lens)
    n_sent = len(sent_lens)
    sent_starts = [s for s, _ in sents]

    quoted = sum(e - s for s, e in quote_spans(body))
    caps = sum(1 for w in words if len(w) >= 3 and w.isupper() and w.isalpha())

    para_lens: list[int] = []
    one_sentence = 0
    for ps, pe in doc.paragraph_spans():
        k = bisect_left(starts, pe) - bisect_left(starts, ps)
        if k == 0:
            continue
        para_lens.append(k)
        if bisect_left(sent_starts, pe) - bisect_left(sent_starts, ps) <= 1:
            one_sentence += 1
    p_mean, p_std = _mean_std(para_lens) if para_lens else (float(n_words), 0.0)

    values: dict[str, float | None] = {
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fkg,
        "chars_per_word": letters / n_words,
        "words_log": math.log1p(n_words),
        "mattr": _mattr(tokens_l),
        "sentence_words_mean": s_mean,
        "sentence_words_std": s_std,
        "sentence_words_cv": s_std / s_mean if s_mean else None,
        "exclaim_per_sentence": body.count("!") / n_sent,
        "question_per_sentence": body.count("?") / n_sent,
        "quote_share": quoted / len(body),
        "caps_word_share": caps / n_words,
        "paragraph_words_mean": p_mean,
        "paragraph_words_cv": p_std / p_mean if p_mean else None,
        "one_sentence_paragraph_share": one_sentence / len(para_lens) if para_lens else None,
    }

    ev: list[Evidence] = []
    for s, e in sents:
        if len(ev) >= _MAX_EVIDENCE:
            break
        if body[s:e].rstrip("\"'”’)]").endswith("!"):
            ev.append(evidence(doc, "body", s, e, "exclamation"))
    n_exclaim = len(ev)
    for m in _CAPS_RUN.finditer(body):
        if len(ev) - n_exclaim >= _MAX_EVIDENCE:
            break
        ev.append(evidence(doc, "body", m.start(), m.end(), "words in capitals"))

    notes = ()
    if fre is None:
        notes = (f"no readability formula for language {lang!r}",)
    return Measurement(
        score=None,
        values=values,
        evidence=ev,
        low_confidence=n_words < MIN_WORDS,
        notes=notes,
    )
