"""The library API on texts we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsvet
from newsvet import Document, rate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    "p, band",
    [(0.0, "unreliable"), (0.399, "unreliable"), (0.4, "mixed"), (0.599, "mixed"), (0.6, "reliable"), (1.0, "reliable")],
)
def test_rating_bands(p: float, band: str) -> None:
    assert rate(p) == band


def test_score_text_assessment_shape() -> None:
    text = (EXAMPLES / "wire_report.txt").read_text(encoding="utf-8")
    a = newsvet.score_text(text)
    assert 0.0 <= a.reliability <= 1.0
    assert a.rating == rate(a.reliability)
    assert set(newsvet.signals.REGISTRY) == set(a.signals)
    assert a.model.sha256 and a.model.version
    d = a.to_dict()
    json.dumps(d)  # JSON-ready
    assert d["document"]["title"].startswith("Marlow Falls council")
    # the explanation adds up to the model's (uncalibrated) output
    total = a.explanation.base + sum(c.value for c in a.explanation.contributions)
    assert total == pytest.approx(a.explanation.logit, abs=1e-9)


def test_farm_example_rates_below_wire_example() -> None:
    farm = newsvet.score_file(EXAMPLES / "content_farm.txt")
    wire = newsvet.score_file(EXAMPLES / "wire_report.txt")
    assert farm.reliability < wire.reliability
    assert farm.rating == "unreliable"


def test_score_html_and_title_override() -> None:
    html = (
        "<html><head><title>Council delays plant</title></head><body><article><h1>Council delays plant</h1>"
        + "".join(f"<p>{line}</p>" for line in (EXAMPLES / "wire_report.txt").read_text().split("\n\n")[3:])
        + "</article></body></html>"
    )
    a = newsvet.score_html(html, url="https://news.example.org/a/1")
    assert a.document.metadata.source_type == "html"
    assert a.document.metadata.domain == "news.example.org"
    assert a.document.word_count > 100


def test_extract_signals_accepts_empty_body_and_only() -> None:
    sigs = newsvet.extract_signals("", title="Nothing here")
    assert set(sigs) == set(newsvet.signals.REGISTRY)
    for s in sigs.values():
        assert s.score is None or 0.0 <= s.score <= 1.0
    only = newsvet.extract_signals(Document.from_text("Some text. More text."), only=["hedging"])
    assert list(only) == ["hedging"]
    with pytest.raises(ValueError):
        newsvet.extract_signals("text", only=["no_such_signal"])
    with pytest.raises(TypeError):
        newsvet.extract_signals(b"bytes")  # type: ignore[arg-type]


def test_errors_are_one_tree(tmp_path: Path) -> None:
    with pytest.raises(newsvet.NewsvetError):
        newsvet.score_file(tmp_path / "missing.txt")
    with pytest.raises(newsvet.NewsvetError):
        newsvet.score_text("   ")


def test_non_english_is_low_confidence() -> None:
    text = (
        "Le conseil municipal a voté mardi pour retarder l'ouverture de la nouvelle usine de traitement "
        "des eaux jusqu'en juin, après qu'une inspection a révélé des défauts dans deux des quatre unités "
        "de filtration. « Nous n'ouvrirons pas une usine qui n'a pas passé tous les tests », a déclaré la "
        "présidente du conseil. Le chantier a coûté 61 millions de dollars selon le budget publié. "
    ) * 3
    a = newsvet.score_text(text, title="Le conseil retarde l'usine")
    assert a.low_confidence
    assert any("English" in w for w in a.warnings)
