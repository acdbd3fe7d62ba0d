"""Fast paths in ingest give exactly what the plain Python versions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.ingest.detect import INVISIBLE_CHARS, strip_invisible
from newsvet.ingest.load import _control_share

_TABLE = str.maketrans(dict.fromkeys(INVISIBLE_CHARS))

_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(INVISIBLE_CHARS),
        st.sampled_from("\t\n\r\f\v\x1b\x00\x07\x7f\x85\x9f\xa0 aZ"),
    ),
    max_size=300,
)


def _control_share_reference(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b") or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(sample)


@settings(max_examples=400, deadline=None)
@given(_text)
def test_strip_invisible_equals_a_deletion_table(text: str) -> None:
    cleaned, warning = strip_invisible(text)
    assert cleaned == text.translate(_TABLE)
    removed = len(text) - len(cleaned)
    assert (warning is None) == (removed == 0)
    if removed:
        assert f"removed {removed:,} invisible" in warning


@settings(max_examples=400, deadline=None)
@given(_text)
def test_control_share_equals_the_character_loop(text: str) -> None:
    assert _control_share(text) == _control_share_reference(text)


def test_every_code_point_below_0x100_is_classified_as_before() -> None:
    for cp in range(0x100):
        ch = chr(cp)
        assert _control_share(ch) == _control_share_reference(ch), hex(cp)
    long = "a" * 9000 + "\x00" * 100  # only the first 8192 characters are sampled
    assert _control_share(long) == _control_share_reference(long) == 0.0
