"""Input readers: directories, JSONL, URL lists, WARC; ids unique and stable."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.inputs import InputError, check_inputs, input_kind, iter_items


def test_directory_walks_text_and_html_files_in_sorted_order(tmp_path: Path) -> None:
    d = tmp_path / "site"
    (d / "b").mkdir(parents=True)
    (d / "a.txt").write_text("one")
    (d / "b" / "c.html").write_text("<p>two</p>")
    (d / "b" / "d.html.gz").write_bytes(gzip.compress(b"<p>three</p>"))
    (d / "image.png").write_bytes(b"\x89PNG")
    (d / ".hidden.txt").write_text("no")
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text("no")
    items = list(iter_items([d]))
    assert [i.id for i in items] == ["site/a.txt", "site/b/c.html", "site/b/d.html.gz"]
    assert all(i.kind == "file" and i.source == str(d) for i in items)
    assert items[0].payload == str(d / "a.txt")  # the worker reads the file, not the reader


def test_jsonl_kinds_ids_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": "Body", "title": "T", "url": "https://a.example/1"}),
        json.dumps({"html": "<p>h</p>", "url": "https://b.example/2"}),
        json.dumps({"url": "https://c.example/3"}),
        "",
        "{broken",
        json.dumps({"text": "a", "html": "b"}),
        json.dumps({"title": "nothing"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "x1", "text": "same id again"}),
    ]
    p.write_text("\n".join(lines) + "\n")
    items = list(iter_items([p]))
    got = [(i.id, i.kind) for i in items]
    assert got == [
        ("x1", "text"), ("feed.jsonl:2", "html"), ("feed.jsonl:3", "url"),
        ("feed.jsonl:5", "error"), ("feed.jsonl:6", "error"), ("feed.jsonl:7", "error"),
        ("feed.jsonl:8", "error"), ("x1#2", "text"),
    ]
    assert items[0].title == "T" and items[0].url == "https://a.example/1"
    assert items[1].url == "https://b.example/2"  # metadata beside html
    assert "not valid JSON" in items[3].payload


def test_url_lists_txt_and_csv(tmp_path: Path) -> None:
    t = tmp_path / "urls.txt"
    t.write_text("# crawl list\nhttps://a.example/1\n\nnot a url\nhttp://b.example/2\n")
    c = tmp_path / "urls.csv"
    c.write_text("id,url,note\nfirst,https://c.example/1,x\n,https://d.example/2,y\n")
    c2 = tmp_path / "plain.csv"
    c2.write_text("https://e.example/1\nhttps://f.example/2\n")
    items = list(iter_items([t, c, c2]))
    assert [(i.id, i.kind) for i in items] == [
        ("urls.txt:2", "url"), ("urls.txt:4", "error"), ("urls.txt:5", "url"),
        ("first", "url"), ("urls.csv:3", "url"),
        ("plain.csv:1", "url"), ("plain.csv:2", "url"),
    ]
    assert items[0].payload == "https://a.example/1"


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                http_headers=http))

        w.write_record(w.create_warc_record("https://n.example/", "warcinfo",
                                            payload=io.BytesIO(b"software: test\r\n")))
        response("https://n.example/story", "200 OK", "text/html; charset=utf-8",
                 b"<html><head><title>Story</title></head><body><p>Words here.</p></body></html>")
        response("https://n.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://n.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        response("https://n.example/moved", "301 Moved", "text/html", b"")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_responses(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    _warc(p)
    items = list(iter_items([p]))
    assert [i.kind for i in items] == ["bytes", "error"]
    assert items[0].url == "https://n.example/story"
    assert b"Words here." in items[0].payload
    assert items[0].content_type.startswith("text/html")
    assert items[0].id.startswith("urn:uuid:")
    assert "404" in items[1].payload


def test_inputs_checked_before_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such input"):
        check_inputs([tmp_path / "missing.jsonl"])
    bad = tmp_path / "data.parquet"
    bad.write_bytes(b"x")
    with pytest.raises(InputError, match="unsupported input"):
        input_kind(bad)
    one = tmp_path / "page.html"
    one.write_text("<p>x</p>")
    assert input_kind(one) == "article"
    assert [i.id for i in iter_items([one])] == ["page.html"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.builds(json.dumps, st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title"]),
                                          st.one_of(st.none(), st.text(max_size=20), st.integers()))),
).map(lambda x: x if isinstance(x, bytes) else x.encode()), max_size=12))
def test_any_jsonl_gives_one_item_per_nonblank_line_with_unique_ids(tmp_path_factory, lines) -> None:
    p = tmp_path_factory.mktemp("h") / "any.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    items = list(iter_items([p]))
    expected = sum(1 for ln in lines if ln.strip())
    assert len(items) == expected
    assert len({i.id for i in items}) == len(items)
    for it in items:
        assert it.kind in ("text", "html", "url", "error")
        if it.kind == "error":
            assert isinstance(it.payload, str) and "\n" not in it.payload
