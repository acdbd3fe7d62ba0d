"""parse_bytes, read_file and load_source."""

from __future__ import annotations

import gzip
import io
import os
import sys

import pytest

from newsvet.errors import (
    EmptyDocumentError,
    IngestError,
    UnsafeURLError,
    UnsupportedContentError,
)
from newsvet.ingest import DEFAULT_MAX_BYTES, load_source, parse_bytes, read_file

TEXT = (
    "Café Owner Wins Award\n\n"
    "The owner of the café on Rue Verte, José Martín, received the city's "
    "small business prize on Friday for his work with young apprentices.\n"
)
HTML = (
    "<!doctype html><html><head><title>Café wins award</title></head><body><article>"
    "<h1>Café wins award</h1><p>The owner of the café on Rue Verte, José Martín, received "
    "the city's small business prize on Friday for his work with young apprentices.</p>"
    "</article></body></html>"
)


def test_text_bytes_utf8():
    doc = parse_bytes(TEXT.encode("utf-8"))
    assert doc.metadata.source_type == "text"
    assert doc.metadata.encoding == "utf-8"
    assert doc.title == "Café Owner Wins Award"
    assert "José Martín" in doc.body


def test_html_decided_by_content_not_name():
    doc = parse_bytes(HTML.encode("utf-8"), name="notes.txt", content_type="text/plain")
    assert doc.metadata.source_type == "html"
    assert "José Martín" in doc.body


def test_text_named_html_is_read_as_text_with_warning():
    doc = parse_bytes(TEXT.encode("utf-8"), name="page.html")
    assert doc.metadata.source_type == "text"
    assert any("no markup" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe", "utf-16-le", "utf-16"),
        (b"\xfe\xff", "utf-16-be", "utf-16"),
    ],
)
def test_bom_is_honoured(bom, codec, name):
    doc = parse_bytes(bom + TEXT.encode(codec))
    assert doc.metadata.encoding == name
    assert doc.title == "Café Owner Wins Award"


def test_utf16_without_bom_is_text_not_binary():
    doc = parse_bytes(TEXT.encode("utf-16-le"))
    assert doc.title == "Café Owner Wins Award"


def test_declared_meta_charset_is_honoured():
    html = HTML.replace("<head>", '<head><meta charset="iso-8859-1">')
    doc = parse_bytes(html.encode("latin-1"))
    assert doc.metadata.encoding == "cp1252"  # browsers read latin-1 labels as windows-1252
    assert "José Martín" in doc.body


def test_content_type_charset_is_honoured():
    doc = parse_bytes(TEXT.encode("cp1252"), content_type="text/plain; charset=windows-1252")
    assert doc.metadata.encoding == "cp1252"
    assert "José Martín" in doc.body


def test_wrong_declared_charset_falls_back_with_warning():
    doc = parse_bytes(TEXT.encode("cp1252"), content_type="text/plain; charset=utf-8")
    assert "José Martín" in doc.body
    assert any("does not decode" in w for w in doc.warnings)


def test_undeclared_legacy_encoding_is_guessed():
    text = (
        "Le maire a présenté mardi un projet de rénovation des écoles élémentaires, "
        "qui coûtera près de deux millions d'euros, selon la mairie. " * 3
    )
    doc = parse_bytes(("Rénovation des écoles\n\n" + text).encode("cp1252"))
    assert doc.metadata.encoding == "cp1252"
    assert "présenté" in doc.body


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        gzip.compress(b"<html><body><p>zipped</p></body></html>"),
        b"GIF89a\x01\x00\x01\x00",
        b"some text\x00with a NUL byte in it and more text after it",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_is_refused(data):
    with pytest.raises(UnsupportedContentError):
        parse_bytes(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\r\n\r\n"])
def test_empty_bytes(data):
    with pytest.raises(EmptyDocumentError):
        parse_bytes(data)


def test_read_file_text_and_html(tmp_path):
    t = tmp_path / "a.txt"
    t.write_text(TEXT, encoding="utf-8")
    h = tmp_path / "b.html"
    h.write_text(HTML, encoding="utf-8")
    assert read_file(t).title == "Café Owner Wins Award"
    assert read_file(str(h)).metadata.source_type == "html"


def test_read_file_errors_name_the_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError, match="no such file: .*nope.txt"):
        read_file(missing)
    with pytest.raises(IngestError, match="is a directory"):
        read_file(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(UnsupportedContentError, match="big.txt is too large"):
        read_file(big, max_bytes=100)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocumentError, match="empty.txt"):
        read_file(empty)
    binary = tmp_path / "pic.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(UnsupportedContentError, match="pic.txt"):
        read_file(binary)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_file_unreadable(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(TEXT)
    f.chmod(0)
    with pytest.raises(IngestError, match="cannot read .*secret.txt"):
        read_file(f)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_read_file_refuses_special_files():
    with pytest.raises(IngestError, match="not a regular file"):
        read_file("/dev/zero")


def test_errors_are_one_line(tmp_path):
    for call in (
        lambda: read_file(tmp_path / "x\ny.txt"),
        lambda: parse_bytes(b"%PDF-1.4"),
        lambda: load_source("ftp://example.org/file.txt"),
    ):
        with pytest.raises(IngestError) as info:
            call()
        assert "\n" not in str(info.value)


def test_load_source_dispatch(tmp_path, monkeypatch):
    f = tmp_path / "story.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert load_source(str(f)).title == "Café Owner Wins Award"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.encode("utf-8"))))
    assert load_source("-").metadata.source_type == "html"
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"):
        with pytest.raises(UnsafeURLError):
            load_source(url)
    with pytest.raises(UnsafeURLError):
        load_source("http://127.0.0.1/")


def test_load_source_stdin_size_cap(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * 500)))
    with pytest.raises(UnsupportedContentError, match="stdin is too large"):
        load_source("-", max_bytes=100)


def test_default_max_bytes_is_a_named_constant():
    assert DEFAULT_MAX_BYTES >= 5_000_000
