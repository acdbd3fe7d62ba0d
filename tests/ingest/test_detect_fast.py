"""detect's faster language identifier gives py3langid's scores to the bit.

It walks the automaton a space-free run at a time (remembering walks) and
keeps widened float32 rows of the feature table; both must leave every score,
hence language, confidence and warnings, exactly as py3langid computes them
(texts written for this test).
"""

from __future__ import annotations

import random

import pytest

from newsvet.ingest import detect

TEXTS = [
    "The council voted on Tuesday to approve the harbour wall, according to the minutes.",
    "Il a dit que 40 % des gens étaient là. Les sources suggèrent 3 000 soldats.",
    "Der Gemeinderat hat am Dienstag beschlossen, die Brücke zu erneuern.",
    "Привет, мир. Это короткий текст для проверки.",
    "日本語のテキストです。これはテストです。",
    "  double  spaces   and\ttabs\nand lines  ",
    "12,000 345 67.8% $90",
    "",
    " ",
    "ab",
    "x" * 600,
    " " * 600,
    "SHOUTING IN CAPITALS ABOUT THE WEATHER TODAY AND TOMORROW",
]


def _variants(seed: int) -> list[str]:
    rng = random.Random(seed)
    out = list(TEXTS)
    for t in TEXTS:
        if len(t) > 3:
            out.append("".join(rng.sample(t, len(t))))
            out.append(" ".join(rng.choice(TEXTS) for _ in range(5)))
    return out


@pytest.fixture(scope="module")
def plain():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.mark.parametrize("row_cache", [detect._ROW_CACHE, 3])
def test_scores_equal_py3langid(plain, row_cache: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # a fresh identifier (3 rows: the cache fills up and the fallback runs)
    monkeypatch.setattr(detect, "_ROW_CACHE", row_cache)
    fast = detect._identifier.__wrapped__()
    for _ in range(2):  # the second time from the remembered walks and rows
        for text in _variants(7):
            sample = text[: detect.LANGUAGE_SAMPLE_CHARS]
            assert fast._decide(sample).tobytes() == plain._decide(sample).tobytes(), sample
            assert fast.classify(sample) == plain.classify(sample)


def test_detect_language_unchanged() -> None:
    guess = detect.detect_language(TEXTS[0] * 3)
    assert guess.language == "en" and not guess.warnings
    fr = detect.detect_language(TEXTS[1] * 3)
    assert fr.language == "fr" and fr.warnings and "not English" in fr.warnings[0]
