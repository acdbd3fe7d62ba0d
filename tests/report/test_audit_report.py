"""Audit report: escaping hostile page text, no network references, summary, ratings, CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import lxml.html
import pytest

from newsvet.batch import audit
from newsvet.report import summary as summary_mod
from newsvet.report.csv import to_csv
from newsvet.report.html import render_report
from newsvet.report.summary import load_ratings, summarize

HOSTILE = '<script>alert("x")</script><img src="https://evil.example/p.gif" onerror="alert(1)">'


def _row(i: int, rel: float | None, *, domain: str = "a.example", error: str | None = None,
         title: str = "Title", evidence: dict | None = None) -> dict:
    rating = None if rel is None else ("unreliable" if rel < 0.4 else "mixed" if rel < 0.6 else "reliable")
    ev = evidence or {"field": "body", "start": 4, "end": 9, "text": "maybe", "reason": "hedge",
                      "before": "…It ", "after": " rains…"}
    return {
        "id": f"r{i}", "source": "in.jsonl", "url": f"https://{domain}/{i}", "domain": domain,
        "title": title, "reliability": rel, "rating": rating, "low_confidence": False, "words": 300,
        "signals": {} if rel is None else {"hedging": 0.5, "seo_filler": None},
        "reasons": [] if rel is None else [{"signal": "hedging", "feature": "hedging.rate",
                                            "contribution": -1.0, "reason": "Hedged", "evidence": [ev]}],
        "warnings": [], "model": None if rel is None else {"name": "m", "version": "1", "sha256": "ab" * 32},
        "error": error,
    }


def test_hostile_text_is_escaped_and_nothing_loads_from_the_network() -> None:
    ev = {"field": "body", "start": 10, "end": 20, "text": "</mark>" + HOSTILE, "reason": HOSTILE,
          "before": '<iframe src="https://evil.example/">', "after": "<style>body{background:url(https://evil.example/x)}</style>"}
    rows = [
        _row(0, 0.05, title=HOSTILE, evidence=ev, domain="evil.example"),
        _row(1, None, error=HOSTILE, domain="evil.example"),
        dict(_row(2, 0.1), url="javascript:alert(1)", id=HOSTILE),
    ]
    html = render_report(summarize(rows))
    tree = lxml.html.fromstring(html)
    for tag in ("script", "iframe", "img", "link", "object", "embed", "a", "form", "base"):
        assert not tree.xpath(f"//{tag}"), tag
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert name not in ("src", "href", "action"), (el.tag, name)
            assert "evil.example" not in value or el.tag == "mark", (el.tag, name, value)
    assert "url(" not in "".join(tree.xpath("//style/text()"))
    assert len(tree.xpath("//style")) == 1
    # the hostile strings are shown as text
    text = tree.text_content()
    assert HOSTILE in text
    marks = tree.xpath("//mark")
    assert [m.text_content() for m in marks] == ["</mark>" + HOSTILE, "maybe"]
    assert "default-src 'none'" in html


def test_summary_figures_and_worst_rows() -> None:
    rels = [0.9, 0.1, 0.5, None, 0.3, 0.8]
    rows = [_row(i, r, domain="a.example" if i % 2 else "b.example",
                 error="boom" if r is None else None) for i, r in enumerate(rels)]
    s = summarize(rows, worst=3)
    assert (s.items, s.scored, s.errors) == (6, 5, 1)
    assert s.mean_reliability == pytest.approx((0.9 + 0.1 + 0.5 + 0.3 + 0.8) / 5)
    assert s.share_unreliable == pytest.approx(2 / 5)
    assert [r["id"] for r in s.worst_rows()] == ["r1", "r4", "r2"]
    assert sum(s.histogram) == 5 and s.histogram[2] == 1 and s.histogram[18] == 1
    dom = {d["domain"]: d for d in s.domain_table()}
    assert dom["a.example"]["articles"] == 2 and dom["a.example"]["errors"] == 1
    assert dom["a.example"]["share_unreliable"] == pytest.approx(0.5)
    assert dom["b.example"]["mean_reliability"] == pytest.approx((0.9 + 0.5 + 0.3) / 3)
    assert dom["b.example"]["signals"] == [("hedging", 3)]
    assert s.error_rows == [{"id": "r3", "source": "in.jsonl", "url": "https://a.example/3",
                             "domain": "a.example", "error": "boom"}]


def test_domain_aggregates_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(summary_mod, "MAX_DOMAINS", 5)
    s = summarize(_row(i, 0.2, domain=f"d{i}.example") for i in range(40))
    assert len(s.domains) == 5
    assert s.other.articles == 35
    assert s.domain_table()[-1]["domain"] == "(other domains)"
    assert len(s.worst_rows()) == 15


def test_ratings_files(tmp_path: Path) -> None:
    lin = tmp_path / "lin.csv"
    lin.write_text("domain,pc1,afm\nwire.example,0.97,1\nfarm.example,0.12,0\n")
    osrc = tmp_path / "os.csv"
    osrc.write_text(",url,type,2nd_type,3rd_type,active\n0,farm.example,fake,clickbait,,\n1,www.junk.example/,bias,,,\n")
    r = load_ratings(lin)
    assert r.column == "pc1" and r.lookup("wire.example") == "0.97"
    assert r.lookup("www.news.wire.example") == "0.97"  # a parent domain's rating
    assert r.lookup("elsewhere.example") is None
    o = load_ratings(osrc)
    assert o.lookup("farm.example") == "fake, clickbait" and o.lookup("junk.example") == "bias"
    assert load_ratings(lin, column="afm").lookup("farm.example") == "0.00"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,colour\nx,y\n")
    with pytest.raises(Exception, match="no domain column"):
        load_ratings(bad)


def _feed(path: Path) -> Path:
    texts = [
        "The council voted 7 to 2 on Tuesday to approve the new bus depot, its minutes show. "
        "\"Work starts in May,\" said Dana Whitfield, head of planning.",
        "Reports suggest up to 40,000 residents could potentially be affected, and some say the "
        "bill may reach as much as 90 million. It remains crucial to monitor the developments.",
    ]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(4):
            fh.write(json.dumps({"id": f"g{i}", "text": texts[i % 2],
                                 "url": f"https://site{i % 2}.example.com/{i}"}) + "\n")
    return path


def test_ratings_are_shown_beside_never_mixed_in(tmp_path: Path) -> None:
    src = _feed(tmp_path / "in.jsonl")
    ratings = tmp_path / "r.csv"
    ratings.write_text("domain,rating\nsite0.example.com,very trustworthy\nsite1.example.com,junk\n")
    plain = audit([src], tmp_path / "plain", workers=1)
    rated = audit([src], tmp_path / "rated", workers=1, ratings=ratings)
    a = (tmp_path / "plain" / "results.jsonl").read_text()
    b = (tmp_path / "rated" / "results.jsonl").read_text()
    assert a == b  # the scores do not depend on the ratings
    assert "very trustworthy" not in b
    html = (tmp_path / "rated" / "report.html").read_text()
    tree = lxml.html.fromstring(html)
    cells = [td.text_content() for td in tree.xpath("//table[@id='domain-table']//td[@class='known']")]
    assert sorted(cells) == ["junk", "very trustworthy"]
    assert "very trustworthy" not in (tmp_path / "plain" / "report.html").read_text()
    assert rated.summary.mean_reliability == plain.summary.mean_reliability


def test_shared_domain_ratings_load(shared_dir: Path) -> None:
    r = load_ratings(shared_dir / "signals" / "domains" / "lin2023_domain_ratings.csv")
    assert len(r) > 10_000 and r.column == "pc1"
    assert r.lookup("www.reuters.com") == "1.00"
    o = load_ratings(shared_dir / "signals" / "domains" / "opensources_websites_fakenewscorpus.csv")
    assert len(o) > 500 and o.column.startswith("type")


def test_csv_is_flat_and_defuses_formulas() -> None:
    rows = [_row(0, 0.25, title="=HYPERLINK(\"https://evil.example\")"), _row(1, None, error="-bad\nline")]
    text = to_csv(rows, signals=["hedging", "seo_filler"])
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0])[:9] == ["id", "source", "url", "domain", "title", "reliability", "rating",
                                  "low_confidence", "words"]
    assert table[0]["title"].startswith("'=")
    assert table[0]["hedging.score"] == "0.5" and table[0]["seo_filler.score"] == ""
    assert table[0]["reliability"] == "0.25" and table[0]["reasons"] == "Hedged"
    assert table[1]["error"] == "'-bad line" and table[1]["reliability"] == ""
    json.dumps(rows)  # rows stay JSON
