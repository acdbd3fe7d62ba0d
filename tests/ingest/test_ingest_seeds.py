"""The five seed articles in ../shared/seeds (read at test time, never copied)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from newsvet.ingest import parse_text, read_file


def _seed(seeds_dir, prefix):
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return path


def _kinds(doc):
    return {b.kind for b in doc.boilerplate}


def test_seed_003_comments(seeds_dir):
    doc = read_file(_seed(seeds_dir, "003"))
    assert len(doc.comments) == 16
    assert all(c.author for c in doc.comments)
    assert all(c.posted_at is not None for c in doc.comments)
    assert all(c.text for c in doc.comments)
    assert doc.comments[0].posted_at == datetime(2024, 10, 19, 19, 54)
    # the page spaces the comments evenly; the parse must keep that visible
    gaps = Counter(b.posted_at - a.posted_at for a, b in zip(doc.comments, doc.comments[1:]))
    assert gaps.most_common(1)[0] == (timedelta(days=6, hours=8, minutes=55), 14)
    assert all(c.avatar == "Image placeholder" for c in doc.comments)
    (furniture,) = [b for b in doc.boilerplate if b.kind == "comments"]
    assert furniture.text.count("Image placeholder") == 16
    assert furniture.heading is not None and "Comments" in furniture.heading
    assert doc.metadata.author is not None
    assert doc.metadata.published == datetime(2024, 10, 19)
    for c in doc.comments:
        assert c.text not in doc.body


def test_seed_000_scaffold_recommendations_headline_once(seeds_dir):
    doc = read_file(_seed(seeds_dir, "000"))
    assert {"scaffold", "recommendations", "caption"} <= _kinds(doc)
    assert doc.title
    assert doc.body.count(doc.title) == 0
    assert doc.page.count(doc.title) >= 3
    scaffold = next(b for b in doc.boilerplate if b.kind == "scaffold")
    assert scaffold.heading == "What You Will Learn"
    assert len(scaffold.text.splitlines()) == 4
    assert all(not line.startswith("•") for line in scaffold.text.splitlines())
    headings = [b.heading for b in doc.boilerplate if b.kind == "recommendations"]
    assert "You Might Also Like" in headings and "Article Recommendations" in headings
    assert "Details" not in doc.paragraphs


def test_seed_001_chrome_and_source(seeds_dir):
    doc = read_file(_seed(seeds_dir, "001"))
    kinds = _kinds(doc)
    assert "chrome" in kinds and "source" in kinds
    (source,) = [b for b in doc.boilerplate if b.kind == "source"]
    assert source.text.startswith("[Source: ")
    assert "Loading..." not in doc.body
    assert "CLOSE" not in doc.body
    assert "TAGS" not in doc.body
    chrome = "\n".join(b.text for b in doc.boilerplate if b.kind == "chrome")
    assert "Loading..." in chrome
    assert doc.paragraphs[0].startswith("The U.S. government")


def test_seed_002_header(seeds_dir):
    doc = read_file(_seed(seeds_dir, "002"))
    assert doc.metadata.published == datetime(2024, 11, 5)
    assert doc.metadata.author is None
    assert doc.metadata.description
    assert doc.body.count(doc.title) == 0
    assert all(p.strip() for p in doc.paragraphs)


def test_seed_004_no_author_no_date(seeds_dir):
    doc = read_file(_seed(seeds_dir, "004"))
    assert doc.metadata.author is None
    assert doc.metadata.published is None
    assert doc.title == ""
    assert len(doc.paragraphs) == 10
    assert doc.boilerplate == ()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_are_english_and_consistent(seeds_dir, prefix):
    path = _seed(seeds_dir, prefix)
    doc = read_file(path)
    assert doc.metadata.language == "en"
    assert doc.metadata.encoding == "utf-8"
    assert doc.page == path.read_text(encoding="utf-8")
    again = parse_text(doc.page)
    assert (again.title, again.paragraphs, again.boilerplate) == (
        doc.title,
        doc.paragraphs,
        doc.boilerplate,
    )
    assert again.metadata.encoding is None
    for name, text in doc.fields():
        assert doc.field_text(name) == text
    assert len(doc.body.split()) > 300
