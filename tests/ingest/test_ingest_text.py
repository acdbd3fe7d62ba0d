"""parse_text on short texts written for these tests (no third-party text)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsvet.errors import EmptyDocumentError
from newsvet.ingest import parse_text

NOW = datetime(2024, 3, 10, 12, 0)

PLAIN = """Library Extends Opening Hours

The central library will stay open until nine in the evening from next month, the council said on Wednesday.

Staff numbers will rise by four to cover the extra hours, which were requested by students in a survey last year.

"We listened," said head librarian Ana Souza.
"""

FARM = """MENU
Search
BUSINESS
Harbour Bridge Tolls To Double Next Spring, Officials Say

Harbour Bridge Tolls To Double Next Spring, Officials Say
The change would hit commuters hardest, according to a transport watchdog.
By Priya Raman | March 3, 2024

Harbour Bridge Tolls To Double Next Spring, Officials Say

City officials confirmed on Monday that tolls on the harbour bridge will double from April, citing maintenance costs that have risen sharply since the pandemic.

Key Takeaways
• Tolls rise from $4 to $8 in April.
• Commuters could pay up to $1,600 more a year.
• A watchdog says the rise was not consulted on.

The transport committee voted 7 to 2 in favour of the change after a two-hour debate. Councillor Mira Osei, who voted against, said the city had not explored other options.

Read more: Why the ferry service lost half its riders

Traffic queues on the bridge during the morning rush.
Photo: Jan Novak/Reuters

Reports suggest that up to 40,000 drivers use the bridge every day, though the exact figure could not be verified.

Source: The Daily Planet

Related Articles
Ferry fares frozen for another year
New cycle lane opens on river road
Mayor defends budget cuts

TAGS
Transport | City Hall | Budget

3 Comments

Tom Baker says:
March 4, 2024 at 9:15 am
This is daylight robbery. I cross that bridge twice a day.
Reply

Image placeholder
Lena Fischer
March 4, 2024 at 11:40 am
Maintenance has to be paid for somehow.
Reply

Sam O'Neill
2 days ago
Has anyone asked where the last rise went?

Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
Post Comment
"""


def _blocks(doc, kind):
    return [b for b in doc.boilerplate if b.kind == kind]


def test_plain_article_comes_through_unchanged():
    doc = parse_text(PLAIN)
    assert doc.title == "Library Extends Opening Hours"
    assert doc.paragraphs == (
        (
            "The central library will stay open until nine in the evening from next month, "
            "the council said on Wednesday."
        ),
        (
            "Staff numbers will rise by four to cover the extra hours, which were requested by "
            "students in a survey last year."
        ),
        '"We listened," said head librarian Ana Souza.',
    )
    assert doc.boilerplate == ()
    assert doc.comments == ()
    assert doc.page == PLAIN
    assert doc.metadata.author is None and doc.metadata.published is None
    assert doc.metadata.language == "en"
    assert doc.warnings == ()


def test_body_without_headline_keeps_first_sentence():
    text = (
        "The mayor resigned on Monday.\n\n"
        "She said in a letter to councillors that she wanted to spend more time with her family "
        "after eleven years in office."
    )
    doc = parse_text(text)
    assert doc.title == ""
    assert doc.paragraphs[0] == "The mayor resigned on Monday."
    assert len(doc.paragraphs) == 2


def test_single_line_is_body_not_title():
    doc = parse_text("Officials Say Bridge Will Reopen In May")
    assert doc.title == ""
    assert doc.paragraphs == ("Officials Say Bridge Will Reopen In May",)


def test_title_argument_overrides_detection():
    doc = parse_text("Short first paragraph here\n\nAnd a second one.", title="Given Title")
    assert doc.title == "Given Title"
    assert doc.paragraphs == ("Short first paragraph here", "And a second one.")


def test_farm_header_title_dek_byline_date():
    doc = parse_text(FARM, now=NOW)
    assert doc.title == "Harbour Bridge Tolls To Double Next Spring, Officials Say"
    assert doc.metadata.author == "Priya Raman"
    assert doc.metadata.published == datetime(2024, 3, 3)
    assert doc.metadata.description == (
        "The change would hit commuters hardest, according to a transport watchdog."
    )
    # the headline is printed three times but counted once, as the title
    assert "Harbour Bridge Tolls" not in doc.body
    assert doc.page.count("Harbour Bridge Tolls") == 3
    chrome = _blocks(doc, "chrome")
    assert chrome[0].text == "MENU\nSearch\nBUSINESS"


def test_farm_blocks():
    doc = parse_text(FARM, now=NOW)
    (scaffold,) = _blocks(doc, "scaffold")
    assert scaffold.heading == "Key Takeaways"
    assert scaffold.text.splitlines() == [
        "Tolls rise from $4 to $8 in April.",
        "Commuters could pay up to $1,600 more a year.",
        "A watchdog says the rise was not consulted on.",
    ]
    recs = _blocks(doc, "recommendations")
    assert [b.heading for b in recs] == ["Read more", "Related Articles"]
    assert recs[0].text == "Why the ferry service lost half its riders"
    assert recs[1].text.count("\n") == 2
    (caption,) = _blocks(doc, "caption")
    assert caption.text.endswith("Photo: Jan Novak/Reuters")
    assert "Traffic queues" in caption.text
    (source,) = _blocks(doc, "source")
    assert source.text == "Source: The Daily Planet"
    tags = [b for b in _blocks(doc, "chrome") if b.heading == "TAGS"]
    assert tags and tags[0].text == "Transport | City Hall | Budget"
    # the article keeps exactly its own paragraphs
    assert len(doc.paragraphs) == 3
    assert doc.paragraphs[0].startswith("City officials confirmed")
    assert doc.paragraphs[2].startswith("Reports suggest that up to 40,000")
    for b in doc.boilerplate:
        assert b.text not in doc.body


def test_farm_comments():
    doc = parse_text(FARM, now=NOW)
    assert [c.author for c in doc.comments] == ["Tom Baker", "Lena Fischer", "Sam O'Neill"]
    assert doc.comments[0].posted_at == datetime(2024, 3, 4, 9, 15)
    assert doc.comments[1].posted_at == datetime(2024, 3, 4, 11, 40)
    assert doc.comments[2].posted_at == datetime(2024, 3, 8, 12, 0)  # "2 days ago"
    assert doc.comments[0].text == "This is daylight robbery. I cross that bridge twice a day."
    assert doc.comments[1].avatar == "Image placeholder"
    assert doc.comments[0].avatar is None
    (furniture,) = _blocks(doc, "comments")
    assert furniture.heading == "3 Comments"
    lines = furniture.text.splitlines()
    assert "Reply" in lines and "Leave a Reply" in lines and "Image placeholder" in lines
    assert "Post Comment" in lines
    assert all("Reply" not in c.text for c in doc.comments)


def test_inline_author_dates_and_furniture():
    text = """Volunteers Clean Up River After Storm

More than two hundred volunteers spent Saturday clearing debris from the riverbank after last week's storm, organisers said.

Comments (2)

Anna K. • 3 hours ago
Great to see the community pull together.
Like Reply

riverfan77 · yesterday at 5:30 pm
I was there! Bring gloves next time.
"""
    doc = parse_text(text, now=NOW)
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Anna K.", datetime(2024, 3, 10, 9, 0)),
        ("riverfan77", datetime(2024, 3, 9, 17, 30)),
    ]
    assert doc.comments[0].text == "Great to see the community pull together."
    assert _blocks(doc, "comments")[0].text == "Like Reply"


def test_comment_iso_and_numeric_dates_and_multiline_text():
    text = """Council Approves New Park

The council approved plans for a new park on the old factory site after a short debate on Tuesday night.

2 comments

J. Ortega
2024-05-02 18:20
First line of my comment.
Second line of my comment.

Mei
05/03/2024 at 7:05 PM
Finally some green space.

Write a comment
"""
    doc = parse_text(text)
    assert [c.author for c in doc.comments] == ["J. Ortega", "Mei"]
    assert doc.comments[0].posted_at == datetime(2024, 5, 2, 18, 20)
    assert doc.comments[0].text == "First line of my comment.\nSecond line of my comment."
    assert doc.comments[1].posted_at == datetime(2024, 5, 3, 19, 5)
    assert "Write a comment" in _blocks(doc, "comments")[0].text
    assert "Finally some green space." not in doc.body


def test_comment_count_in_header_is_not_a_comment_section():
    text = """Water Prices Rise Again
By Lucy Grant
12 Comments
April 2, 2024

Water bills will rise by six per cent from May, the regulator said, the third rise in two years for most households in the region.

Suppliers said the money would pay for new pipes.
"""
    doc = parse_text(text)
    assert doc.comments == ()
    assert doc.metadata.author == "Lucy Grant"
    assert doc.metadata.published == datetime(2024, 4, 2)
    assert len(doc.paragraphs) == 2


def test_chrome_lines_and_leading_date_and_staff_byline():
    text = """CLOSE
Loading...
18° Lisbon,
4 June, 2023
Home / World
Ferry Strike Enters Third Day

Unions and operators will meet again on Friday, a mediator said.

Web Desk

Ferry crews stayed off work for a third day on Wednesday as talks over pay broke down, leaving thousands of commuters to find other routes across the river.

Operators said they had offered a rise of four per cent.

[Source: Harbour Times]

X
"""
    doc = parse_text(text)
    assert doc.title == "Ferry Strike Enters Third Day"
    assert doc.metadata.published == datetime(2023, 6, 4)
    assert doc.metadata.author is None  # a staff byline names nobody
    assert (
        doc.metadata.description
        == "Unions and operators will meet again on Friday, a mediator said."
    )
    chrome_text = "\n".join(b.text for b in _blocks(doc, "chrome"))
    for piece in ("CLOSE", "Loading...", "18° Lisbon,", "Home / World", "Web Desk", "X"):
        assert piece in chrome_text
    assert _blocks(doc, "source")[0].text == "[Source: Harbour Times]"
    assert "Loading" not in doc.body and "Web Desk" not in doc.body
    assert len(doc.paragraphs) == 2


def test_bullet_byline_and_date_lines():
    text = """Museum Returns Stolen Painting
  • by Tomás Rivera
  • on 7 Feb, 2022

A painting stolen forty years ago has been returned to the museum it was taken from, after a collector recognised it at an auction.
"""
    doc = parse_text(text)
    assert doc.metadata.author == "Tomás Rivera"
    assert doc.metadata.published == datetime(2022, 2, 7)


def test_recommendation_list_with_details_links():
    text = """Ocean Temperatures Hit Record

Sea surface temperatures reached a record high in August, scientists said, raising fears for coral reefs across the tropics.

Article Recommendations

Ten foods that boost your memory
Ten foods that boost your memory

Details

Celebrity chef opens new restaurant
Celebrity chef opens new restaurant

Details
"""
    doc = parse_text(text)
    (recs,) = _blocks(doc, "recommendations")
    assert recs.heading == "Article Recommendations"
    assert recs.text.splitlines().count("Details") == 2
    assert doc.paragraphs == (doc.paragraphs[0],)


def test_caption_with_heading_line():
    text = """Farmers Protest Outside Parliament

Hundreds of farmers drove tractors into the capital on Thursday to protest against cuts to subsidies.

Tractors Block The Avenue
Tractors line the avenue near parliament on Thursday morning. Ola Berg/AFP via Getty Images

Police said the protest was peaceful.
"""
    doc = parse_text(text)
    (caption,) = _blocks(doc, "caption")
    assert caption.heading == "Tractors Block The Avenue"
    assert caption.text.endswith("via Getty Images")
    assert doc.paragraphs[-1] == "Police said the protest was peaceful."
    assert "Tractors Block" not in doc.body


def test_hard_wrapped_paragraphs_are_joined():
    text = """Local Bakery Wins National Prize

The family-run bakery on Mill Street has won a national award for its
sourdough, beating more than three hundred entries from across the
country, the judges announced on Thursday evening in London.

Owner Tomasz Wilk, who opened the shop in 2009, said the prize belonged
to his staff. "They start at four every morning," he said.
"""
    doc = parse_text(text)
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].startswith(
        "The family-run bakery on Mill Street has won a national award for its sourdough,"
    )
    assert "\n" not in doc.paragraphs[0]


def test_single_newline_paragraphs_stay_separate():
    lines = [
        "Rail operators announced on Tuesday that weekend services on the northern line will be cut by half for six weeks while engineers replace signalling equipment.",
        "Passenger groups said the timing, during the school holidays, would hit families hardest, and called for more replacement buses.",
        "The operator said it had no choice because the old equipment was failing more and more often.",
    ]
    doc = parse_text("\n".join(lines))
    assert doc.title == ""
    assert doc.paragraphs == tuple(lines)


def test_caps_subheading_inside_article_stays():
    text = """Election Results Delayed

Counting in the northern district was suspended overnight after a power cut, officials said.

WHAT HAPPENS NEXT

The count will resume at nine on Friday morning, and a result is expected by lunchtime.
"""
    doc = parse_text(text)
    assert "WHAT HAPPENS NEXT" in doc.paragraphs
    assert len(doc.paragraphs) == 3


def test_non_english_warns():
    text = (
        "Le conseil municipal a voté mardi soir une hausse des tarifs du stationnement dans le "
        "centre-ville, malgré l'opposition des commerçants qui craignent une baisse de la fréquentation."
    )
    doc = parse_text(text)
    assert doc.metadata.language == "fr"
    assert doc.metadata.language_confidence is not None and doc.metadata.language_confidence > 0.5
    assert any("language is 'fr', not English" in w for w in doc.warnings)


def test_short_text_has_no_language_guess():
    doc = parse_text("Too short.")
    assert doc.metadata.language is None
    assert doc.metadata.language_confidence is None
    assert any("too short" in w for w in doc.warnings)


def test_url_sets_domain():
    doc = parse_text(PLAIN, url="https://www.Example.org:8080/news/1")
    assert doc.metadata.url == "https://www.Example.org:8080/news/1"
    assert doc.metadata.domain == "example.org"
    assert doc.metadata.source_type == "text"


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \u00a0\n", "\u200b\ufeff"])
def test_empty_text_raises(text):
    with pytest.raises(EmptyDocumentError):
        parse_text(text)


def test_only_chrome_gives_warning_not_error():
    doc = parse_text("CLOSE\nLoading...\nX")
    assert doc.paragraphs == ()
    assert "no article text found" in doc.warnings


def test_crlf_and_nbsp_lines():
    text = "Road Closed For Repairs\r\n\u00a0\r\nThe road will be closed for two weeks while the surface is relaid, the council said.\r\n"
    doc = parse_text(text)
    assert doc.title == "Road Closed For Repairs"
    assert doc.paragraphs == (
        "The road will be closed for two weeks while the surface is relaid, the council said.",
    )


def test_long_input_is_linear_enough():
    import time

    para = "The committee met again on Monday and agreed to publish its report next week. " * 3
    text = "Big Report Due\n\n" + "\n\n".join(para for _ in range(3000))
    start = time.perf_counter()
    doc = parse_text(text)
    assert time.perf_counter() - start < 10
    assert len(doc.paragraphs) == 3000


@pytest.mark.parametrize(
    "label",
    ["FOR IMMEDIATE RELEASE", "For immediate release", "NEWS RELEASE", "EMBARGOED UNTIL 00:01 GMT, 3 March 2026"],
)
def test_a_release_label_is_a_label_block_not_chrome(label: str) -> None:
    doc = parse_text(
        f"Harbour board wins award\n\n{label}\n\n"
        "The harbour board has won a national award for its work on the old quay, "
        "its chair said on Monday in a statement to members."
    )
    assert [(b.kind, b.text) for b in doc.boilerplate] == [("label", label)]
    assert doc.paragraphs[0].startswith("The harbour board")


def test_a_section_label_stays_chrome() -> None:
    doc = parse_text(
        "Harbour board wins award\n\nWORLD NEWS\n\n"
        "The harbour board has won a national award for its work on the old quay, "
        "its chair said on Monday in a statement to members."
    )
    assert [b.kind for b in doc.boilerplate] == ["chrome"]
