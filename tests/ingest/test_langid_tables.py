"""The language model's tables mapped from the cache are py3langid's own."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from newsvet.ingest import detect, langid_tables

TEXTS = [
    "The council met on Tuesday and voted to approve the plan, officials said in a statement.",
    "Le conseil municipal s'est réuni mardi et a voté pour approuver le plan.",
    "Der Stadtrat hat am Dienstag getagt und dem Plan mit großer Mehrheit zugestimmt.",
    "El ayuntamiento se reunió el martes y aprobó el plan por amplia mayoría.",
    "Городской совет собрался во вторник и одобрил план большинством голосов.",
    "市议会周二开会，以多数票批准了该计划。",
    "1234 5678 !!! ???",
]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSVET_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _identifier(tables: langid_tables.Tables):  # type: ignore[no-untyped-def]
    from py3langid.langid import LanguageIdentifier

    t = tables
    return LanguageIdentifier(
        t.ptc, t.pc, t.classes, t.nextmove, t.output, norm_probs=True, tk_row=t.row
    )


def test_cached_tables_equal_the_package_model_and_are_mapped(cache: Path) -> None:
    ref = langid_tables.load_tables(use_cache=False)
    first = langid_tables.load_tables()  # writes the cache, then maps it
    again = langid_tables.load_tables()  # maps what the first call wrote
    folders = list(cache.glob("langid-*"))
    assert len(folders) == 1
    assert sorted(p.name for p in folders[0].iterdir()) == [
        "labels.json", "nextmove.npy", "output.npy", "pc.npy", "ptc.npy", "row.npy",
    ]  # fmt: skip
    for got in (first, again):
        assert got.mapped and not ref.mapped
        assert isinstance(got.ptc.base, np.memmap) or isinstance(got.ptc.base.base, np.memmap)
        assert got.classes == ref.classes
        assert np.array_equal(got.ptc, ref.ptc) and got.ptc.dtype == ref.ptc.dtype
        assert np.array_equal(got.pc, ref.pc)
        assert list(got.nextmove) == list(ref.nextmove)
        assert list(got.row) == list(ref.row)
        assert got.output == ref.output


def test_identifier_from_the_cache_scores_exactly_as_py3langid(cache: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ref = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mine = _identifier(langid_tables.load_tables())
    fast = detect._identifier.__wrapped__()  # what newsvet uses, built on the cache
    for text in TEXTS:
        want = ref.classify(text)
        assert mine.classify(text) == want, text
        assert fast.classify(text) == want, text


def test_a_damaged_cache_falls_back_to_the_package_model(
    cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    langid_tables.load_tables()
    folder = next(cache.glob("langid-*"))
    data = (folder / "nextmove.npy").read_bytes()
    (folder / "nextmove.npy").write_bytes(data[: len(data) // 2])  # truncated
    with caplog.at_level(logging.WARNING, logger="newsvet.ingest.langid_tables"):
        t = langid_tables.load_tables()
    assert not t.mapped
    assert "cache unusable" in caplog.text
    assert _identifier(t).classify(TEXTS[1])[0] == "fr"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("labels.json", '["en", "fr"]'),  # labels that do not fit the arrays
        ("labels.json", '{"not": "a list"}'),
        ("row.npy", None),  # a missing file
    ],
)
def test_cached_arrays_that_do_not_fit_together_are_refused(
    cache: Path, name: str, content: str | None
) -> None:
    langid_tables.load_tables()
    folder = next(cache.glob("langid-*"))
    if content is None:
        (folder / name).unlink()
    else:
        (folder / name).write_text(content, encoding="utf-8")
    t = langid_tables.load_tables()
    assert not t.mapped
    assert t.classes == langid_tables.load_tables(use_cache=False).classes


def test_a_pickled_array_in_the_cache_is_never_loaded(cache: Path) -> None:
    langid_tables.load_tables()
    folder = next(cache.glob("langid-*"))
    np.save(folder / "pc.npy", np.array([object()] * 3, dtype=object), allow_pickle=True)
    t = langid_tables.load_tables()
    assert not t.mapped  # np.load(allow_pickle=False) refused it


def test_an_unwritable_cache_keeps_the_model_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import newsvet._cache

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setattr(newsvet._cache, "cache_dir", lambda: blocked)
    with caplog.at_level(logging.WARNING, logger="newsvet.ingest.langid_tables"):
        t = langid_tables.load_tables()
    assert not t.mapped
    assert "kept in memory" in caplog.text
    assert _identifier(t).classify(TEXTS[0])[0] == "en"


def test_a_writer_that_loses_the_race_uses_the_winners_folder(cache: Path) -> None:
    ref = langid_tables.load_tables(use_cache=False)
    cache.mkdir(parents=True, exist_ok=True)
    folder = cache / "langid-race"
    langid_tables._write(folder, ref)
    langid_tables._write(folder, ref)  # the rename fails: the folder is there already
    assert sorted(p.name for p in cache.iterdir()) == ["langid-race"]  # no temporary left
    assert langid_tables._read(folder).classes == ref.classes
