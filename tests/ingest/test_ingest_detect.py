"""Dates, encodings, markup and binary sniffing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsvet.errors import UnsupportedContentError
from newsvet.ingest.detect import (
    check_not_binary,
    decode_bytes,
    detect_language,
    looks_like_html,
    parse_date,
)

NOW = datetime(2025, 1, 1, 12, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 19, 2024 AT 19:54", datetime(2024, 10, 19, 19, 54)),
        ("19 Oct, 2024", datetime(2024, 10, 19)),
        ("on 19 Oct, 2024", datetime(2024, 10, 19)),
        ("22 January, 2025", datetime(2025, 1, 22)),
        ("2024-11-05", datetime(2024, 11, 5)),
        ("2024-11-05 07:30", datetime(2024, 11, 5, 7, 30)),
        ("2024-11-05T10:20:30Z", datetime(2024, 11, 5, 10, 20, 30, tzinfo=UTC)),
        (
            "2024-11-05T10:20:30+05:30",
            datetime(2024, 11, 5, 10, 20, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ("Tuesday, 5 March 2024 7:54 pm", datetime(2024, 3, 5, 19, 54)),
        ("Sept 3, 2024", datetime(2024, 9, 3)),
        ("Published: Mar. 3, 2024", datetime(2024, 3, 3)),
        ("Updated 3 hours ago", datetime(2025, 1, 1, 9, 0)),
        ("2 days ago", datetime(2024, 12, 30, 12, 0)),
        ("an hour ago", datetime(2025, 1, 1, 11, 0)),
        ("yesterday at 5:30 pm", datetime(2024, 12, 31, 17, 30)),
        ("19/10/2024", datetime(2024, 10, 19)),
        ("10/19/2024 at 3:04 PM", datetime(2024, 10, 19, 15, 4)),
        ("19.10.2024", datetime(2024, 10, 19)),
        ("Sat, 19 Oct 2024 19:54:00 GMT", datetime(2024, 10, 19, 19, 54, tzinfo=UTC)),
        ("1st of May 2023", datetime(2023, 5, 1)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    "text",
    ["hello", "2024", "12:30", "13/13/2024", "February 30, 2024", "Tolls rise from $4 to $8 in April.",
     "the meeting on 3 March 2024 was long", "x" * 500, "9999-01-01", "October 19, 2024 AT 25:99"],
)  # fmt: skip
def test_not_dates(text):
    assert parse_date(text, now=NOW) is None


def test_decode_prefers_bom_then_declared_then_utf8():
    assert decode_bytes("naïve".encode()).encoding == "utf-8"
    assert decode_bytes(b"\xef\xbb\xbfabc").text == "abc"
    d = decode_bytes('<meta charset="windows-1251">Привет, мир'.encode("cp1251"))
    assert d.encoding == "cp1251" and "Привет" in d.text
    d = decode_bytes(b"caf\xe9 au lait", content_type="text/plain; charset=ISO-8859-1")
    assert d.text == "café au lait"


def test_low_confidence_guess_warns():
    d = decode_bytes("Café crème and naïve résumé".encode("cp1252"))
    assert d.encoding == "cp1252"
    assert d.text == "Café crème and naïve résumé"
    assert any("low confidence" in w for w in d.warnings)


def test_check_not_binary():
    check_not_binary("plain text with émigré".encode())
    check_not_binary("text".encode("utf-16"))
    for data in (
        b"%PDF-1.5",
        b"\x1f\x8b\x08\x00",
        b"PK\x03\x04",
        b"abc\x00def",
        b"\x01\x02\x03\x04" * 10,
    ):
        with pytest.raises(UnsupportedContentError):
            check_not_binary(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html lang='en'>", True),
        ("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", True),
        ("<div><p>one</p><p>two</p><p>three</p></div>", True),
        ("Intro line\n<p>a</p><p>b</p><br><a href='x'>c</a><span>d</span>", True),
        ("A story about the <b> tag.", False),
        ("Prices rose 3% <in> May, officials said.", False),
        ("Just plain text.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_language_detection():
    en = detect_language(
        "The council approved the budget on Tuesday after a long debate about school funding."
    )
    assert en.language == "en" and en.confidence > 0.9 and en.warnings == ()
    de = detect_language(
        "Der Gemeinderat hat am Dienstag nach langer Debatte den Haushalt für die Schulen beschlossen."
    )
    assert de.language == "de"
    assert de.warnings and "not English" in de.warnings[0]
    short = detect_language("Hi there")
    assert short.language is None and short.confidence is None and short.warnings
