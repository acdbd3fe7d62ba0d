"""clean_article / repeated_lines / repair_mojibake on texts written for these tests."""

from __future__ import annotations

import pytest

from newsvet.model.corpora import PUBLISHER_NAMES, clean_article, repair_mojibake, repeated_lines


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("WASHINGTON (AP) — The council met on Monday.", "The council met on Monday."),
        ("(Reuters) - Officials approved the plan.", "Officials approved the plan."),
        ("LONDON — A study was published.", "A study was published."),
        ("(Natural News) Readers should think twice.", "Readers should think twice."),
        ("Springfield, Ohio – The judge ruled.", "The judge ruled."),
        ("By Jane Example\n\nThe judge ruled.", "The judge ruled."),
    ],
)
def test_datelines_and_bylines_go(raw: str, expected: str) -> None:
    assert clean_article(raw) == expected


def test_dateline_rule_only_at_the_start() -> None:
    text = "The vote passed.\n\nLONDON — officials in the capital agreed."
    assert clean_article(text) == text


def test_hyphenated_words_are_not_datelines() -> None:
    assert (
        clean_article("COVID-19 cases rose in the county.") == "COVID-19 cases rose in the county."
    )
    assert clean_article("US - China talks resumed.") == "US - China talks resumed."


def test_furniture_lines_go() -> None:
    raw = (
        "The mayor spoke at noon.\n\nShare this article\n\nFollow us on Twitter\n\n"
        "Read more: another story\n\nThe post Big News appeared first on Some Blog.\n\n"
        "(Reporting by Ann Roe; Editing by Bob Poe)\n\nJohn Doe/Getty Images\n\n"
        "Liked it? Take a second to support us!\n\nShe left after the speech."
    )
    assert clean_article(raw) == "The mayor spoke at noon.\n\nShe left after the speech."


def test_inline_photo_credit_goes_but_sentence_stays() -> None:
    out = clean_article("A man walks (AP Photo/John Roe) down the street.")
    assert out == "A man walks down the street."


def test_publisher_names_urls_and_domains_go() -> None:
    out = clean_article(
        "Sputnik reported that NPR's story, shared on sputniknews.com and "
        "https://example.org/x, was wrong according to Reuters."
    )
    for name in ("Sputnik", "NPR", "Reuters", "sputniknews", "https", "example.org"):
        assert name not in out
    assert "reported that" in out and "was wrong according to" in out


def test_names_inside_words_are_kept() -> None:
    # "CE" and "AP" are aliases; words that merely contain them stay
    assert clean_article("CERN and APPLE reported ACE results.") == (
        "CERN and APPLE reported ACE results."
    )


def test_every_alias_is_removed_as_a_word() -> None:
    for name in PUBLISHER_NAMES:
        out = clean_article(f"Yesterday {name} said the report was wrong.")
        assert name not in out.split(), name


def test_mojibake_repaired_and_good_text_left_alone() -> None:
    assert repair_mojibake("Russiaâ\x80\x99s case") == "Russia’s case"
    assert repair_mojibake("Itâ€™s late") == "It’s late"
    assert repair_mojibake("cafÃ© opens") == "café opens"
    good = "Café in Zürich, naïve señor, Âge? 10 €"
    assert repair_mojibake(good) == good


def test_repeated_lines_are_found_per_publisher() -> None:
    pitch = "Support our newsroom with a small monthly gift today."
    topics = ("harbour", "bridge", "ferry", "tunnel")
    arts = [("Outlet A", f"A story about the {t}.\n{pitch}") for t in topics]
    arts += [("Outlet B", f"Unrelated text about {t}s.") for t in topics]
    drop = repeated_lines(arts)
    assert "support our newsroom with a small monthly gift today." in drop
    assert not any("harbour" in d for d in drop)
    cleaned = clean_article(arts[0][1], drop_lines=drop)
    assert pitch not in cleaned and "harbour" in cleaned


def test_empty_and_junk_only_give_empty() -> None:
    assert clean_article("") == ""
    assert clean_article("Share this\n\nFacebook\n\nTwitter") == ""
