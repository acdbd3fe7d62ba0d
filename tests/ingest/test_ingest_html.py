"""parse_html on HTML snippets written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsvet.errors import EmptyDocumentError, IngestError, UnsupportedContentError
from newsvet.ingest import parse_html

ARTICLE = """
<p>City officials confirmed on Monday that tolls on the harbour bridge will double from April, citing maintenance costs that have risen sharply since the pandemic began.</p>
<p>The transport committee voted seven to two in favour after a <a href="https://council.example/minutes/2024-03">two-hour debate</a>. Councillor Mira Osei, who voted against, said the city had not explored other options.</p>
<p>Reports suggest that up to 40,000 drivers use the bridge every day, though the <a href="/data/traffic">exact figure</a> could not be verified by the Courier.</p>
<p>The new tolls take effect on the first of April and will be reviewed after twelve months, according to a statement from the mayor's office.</p>
"""

WORDPRESS = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour tolls to double | The Riverside Courier</title>
<meta property="og:title" content="Harbour tolls to double next spring">
<meta property="og:site_name" content="The Riverside Courier">
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2024-03-03T08:30:00+00:00">
<meta name="description" content="Commuters face higher costs from April.">
<link rel="canonical" href="https://courier.example/news/harbour-tolls">
<script>var hidden = "script text must not show";</script>
<style>.hidden {{ color: red }}</style>
</head><body>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> / <a href="/news">News</a></div>
<main><article class="post">
<h1>Harbour tolls to double next spring</h1>
{ARTICLE}
<figure><img src="bridge.jpg" alt="The bridge"><figcaption>Morning traffic on the bridge. Photo: Jan Novak/Reuters</figcaption></figure>
</article>
<aside class="related-posts"><h3>You Might Also Like</h3><ul><li><a href="/a">Ferry fares frozen for another year</a></li><li><a href="/b">New cycle lane opens on river road</a></li></ul></aside>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;Harbour tolls to double next spring&rdquo;</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1">
<article id="div-comment-11" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img alt="" src="https://avatars.example/abc?s=32" class="avatar avatar-32 photo"><b class="fn">Tom Baker</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-11"><time datetime="2024-03-04T09:15:00+00:00">March 4, 2024 at 9:15 am</time></a></div></footer>
<div class="comment-content"><p>This is daylight robbery. I cross that bridge twice a day.</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
</article>
<ol class="children">
<li id="comment-12" class="comment byuser odd alt depth-2">
<article id="div-comment-12" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img alt="Image placeholder" src="/img/placeholder.png" class="avatar"><b class="fn">Lena Fischer</b> <span class="says">says:</span></div>
<div class="comment-metadata"><time datetime="2024-03-04T11:40:00+00:00">March 4, 2024 at 11:40 am</time></div></footer>
<div class="comment-content"><p>Maintenance has to be paid for somehow.</p><p>Fair enough, though.</p></div>
</article>
</li></ol>
</li>
</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><label>Comment</label><textarea></textarea></form></div>
</div>
</main>
<footer class="site-footer"><p>&copy; 2024 The Riverside Courier</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _kinds(doc):
    return [b.kind for b in doc.boilerplate]


def test_wordpress_metadata_and_body():
    doc = parse_html(WORDPRESS)
    assert doc.title == "Harbour tolls to double next spring"
    m = doc.metadata
    assert m.author == "Priya Raman"
    assert m.published == datetime(2024, 3, 3, 8, 30, tzinfo=UTC)
    assert m.site_name == "The Riverside Courier"
    assert m.url == "https://courier.example/news/harbour-tolls"
    assert m.domain == "courier.example"
    assert m.description == "Commuters face higher costs from April."
    assert m.source_type == "html"
    assert m.language == "en"
    assert len(doc.paragraphs) == 4
    assert doc.paragraphs[0].startswith("City officials confirmed on Monday")
    assert "daylight robbery" not in doc.body
    assert "Ferry fares" not in doc.body


def test_wordpress_links_are_absolute_body_links():
    doc = parse_html(WORDPRESS)
    assert [(link.href, link.text) for link in doc.links] == [
        ("https://council.example/minutes/2024-03", "two-hour debate"),
        ("https://courier.example/data/traffic", "exact figure"),
    ]


def test_wordpress_comments_threaded():
    doc = parse_html(WORDPRESS)
    assert [c.author for c in doc.comments] == ["Tom Baker", "Lena Fischer"]
    assert doc.comments[0].posted_at == datetime(2024, 3, 4, 9, 15, tzinfo=UTC)
    assert doc.comments[1].posted_at == datetime(2024, 3, 4, 11, 40, tzinfo=UTC)
    assert doc.comments[0].text == "This is daylight robbery. I cross that bridge twice a day."
    assert doc.comments[1].text == "Maintenance has to be paid for somehow.\nFair enough, though."
    assert doc.comments[0].avatar == "https://avatars.example/abc?s=32"
    assert doc.comments[1].avatar == "/img/placeholder.png"


def test_wordpress_boilerplate_blocks():
    doc = parse_html(WORDPRESS)
    by_kind = {}
    for b in doc.boilerplate:
        by_kind.setdefault(b.kind, []).append(b)
    assert by_kind["chrome"][0].text == "Home\nNews\nSport"
    assert any(b.text == "Home / News" for b in by_kind["chrome"])
    assert any("Privacy policy" in b.text for b in by_kind["chrome"])
    (recs,) = by_kind["recommendations"]
    assert recs.heading == "You Might Also Like"
    assert recs.text == "Ferry fares frozen for another year\nNew cycle lane opens on river road"
    (caption,) = by_kind["caption"]
    assert caption.text == "Morning traffic on the bridge. Photo: Jan Novak/Reuters"
    (furniture,) = by_kind["comments"]
    assert furniture.heading.startswith("2 thoughts on")
    assert "Leave a Reply" in furniture.text
    assert "daylight robbery" not in furniture.text


def test_page_is_visible_text_without_scripts():
    doc = parse_html(WORDPRESS)
    assert "script text must not show" not in doc.page
    assert "color: red" not in doc.page
    assert "Home / News" in doc.page
    assert "Harbour tolls to double next spring" in doc.page
    assert "daylight robbery" in doc.page
    for name, text in doc.fields():
        assert doc.field_text(name) == text


def test_bytes_input_records_encoding():
    html = WORDPRESS.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    doc = parse_html(html.replace("&ldquo;", "“").encode("cp1252"))
    assert doc.metadata.encoding == "cp1252"
    assert "“Harbour" in doc.page


def test_schema_org_microdata_and_generic_comments():
    html = """<html><body>
<article><h1>School reopens after repairs</h1>
<p>The primary school on Elm Road reopened on Monday after six weeks of roof repairs, the county council said in a statement on Sunday evening.</p>
<p>Parents had been asked to take children to a neighbouring school during the work, which cost about 300,000 pounds in total.</p></article>
<section class="user-comments">
<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Omar Haddad</span></span>
<meta itemprop="dateCreated" content="2022-09-05T07:45:00"><div itemprop="text">Glad it is finally done.</div></div>
<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Grace Liu</span>
<time itemprop="dateCreated" datetime="2022-09-05T09:10:00">5 Sep</time><p itemprop="text">Took them long enough.</p></div>
</section>
<div class="comments"><div class="comment"><span class="username">zed_k</span><span class="date">Sept 6, 2022</span><p>Generic markup comment here.</p></div></div>
</body></html>"""
    doc = parse_html(html)
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Omar Haddad", datetime(2022, 9, 5, 7, 45), "Glad it is finally done."),
        ("Grace Liu", datetime(2022, 9, 5, 9, 10), "Took them long enough."),
        ("zed_k", datetime(2022, 9, 6), "Generic markup comment here."),
    ]
    # comment markup must not leak into the page's own metadata
    assert doc.metadata.author is None
    assert doc.metadata.published is None


def test_jsonld_comments_and_metadata():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Bakery wins national prize",
        "datePublished": "2023-06-01T10:00:00Z",
        "author": {"@type": "Person", "name": "Kofi Mensah"},
        "comment": [
            {"@type": "Comment", "author": {"@type": "Person", "name": "Ruth Adler"},
             "dateCreated": "2023-06-01T12:00:00Z", "text": "Best bread in town."},
            {"@type": "Comment", "author": "Jonas Berg", "dateCreated": "2023-06-02T08:30:00+02:00",
             "text": "Well deserved!"},
        ],
    }  # fmt: skip
    html = f"""<html><head><title>Bakery wins prize</title>
<script type="application/ld+json">{json.dumps(data)}</script></head><body>
<div id="content"><h1>Bakery wins national prize</h1>
<p>The family-run bakery on Mill Street has won a national award for its sourdough, beating more than three hundred entries from across the country, the judges said.</p>
<p>Owner Tomasz Wilk, who opened the shop in 2009, said the prize belonged to his staff, who start work at four every morning.</p>
<div class="toc"><h4>In This Article</h4><ul><li>The prize</li><li>The owner</li></ul></div>
</div></body></html>"""
    doc = parse_html(html)
    assert doc.metadata.author == "Kofi Mensah"
    assert doc.metadata.published == datetime(2023, 6, 1, 10, 0, tzinfo=UTC)
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Ruth Adler", "Best bread in town."),
        ("Jonas Berg", "Well deserved!"),
    ]
    assert doc.comments[1].posted_at == datetime(
        2023, 6, 2, 8, 30, tzinfo=timezone(timedelta(hours=2))
    )
    scaffolds = [b for b in doc.boilerplate if b.kind == "scaffold"]
    assert len(scaffolds) == 1
    assert scaffolds[0].heading == "In This Article"
    assert scaffolds[0].text == "The prize\nThe owner"
    assert "The prize" not in doc.body


def test_article_list_in_comments_section():
    html = """<html><body>
<article><h1>Storm closes coastal road</h1>
<p>The coastal road between the two villages was closed on Friday after high waves threw rocks onto the carriageway, police said in a statement.</p>
<p>Engineers will inspect the sea wall over the weekend before any decision is made about reopening, the highways agency said.</p></article>
<section id="comments"><h3>Comments</h3>
<article><header><strong>Ivy</strong> <time datetime="2021-01-08">8 Jan 2021</time></header><p>Stay safe everyone.</p></article>
<article><header><strong>Ben T</strong> <time datetime="2021-01-09T10:00">9 Jan 2021</time></header><p>Road was a mess this morning.</p></article>
</section></body></html>"""
    doc = parse_html(html)
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Ivy", datetime(2021, 1, 8), "Stay safe everyone."),
        ("Ben T", datetime(2021, 1, 9, 10, 0), "Road was a mess this morning."),
    ]
    assert doc.metadata.published is None
    assert "Stay safe" not in doc.body


def test_seo_scaffold_and_source_marker_inside_main_text():
    html = """<html><body><div class="entry-content">
<h1>Ferry strike enters third day</h1>
<p>Ferry crews stayed off work for a third day on Wednesday as talks over pay broke down, leaving thousands of commuters to find other routes.</p>
<h2>What You Will Learn</h2>
<ul><li>Why the crews walked out.</li><li>What the operators offered.</li></ul>
<p>Operators said they had offered a rise of four per cent, which the union called an insult to staff who worked through the winter storms.</p>
<p>[Source: Harbour Times]</p>
</div></body></html>"""
    doc = parse_html(html)
    kinds = _kinds(doc)
    assert "scaffold" in kinds and "source" in kinds
    scaffold = next(b for b in doc.boilerplate if b.kind == "scaffold")
    assert scaffold.heading == "What You Will Learn"
    assert "Why the crews walked out." in scaffold.text
    assert "What You Will Learn" not in doc.body
    assert "[Source:" not in doc.body
    assert len(doc.paragraphs) == 2


def test_nav_aside_footer_widgets_are_blocks():
    html = """<html><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav>
<div class="sidebar widget"><h3>Trending</h3><ul><li>Story one</li><li>Story two</li></ul></div>
<div class="content"><h1>Hospital opens new wing</h1>
<p>The new children's wing at the city hospital opened its doors on Monday, two years after building work began on the site.</p>
<p>The wing has forty beds and a play area designed with help from patients and their families.</p></div>
<div class="share-buttons"><a>Facebook</a><a>Twitter</a></div>
<footer>Contact us</footer>
</body></html>"""
    doc = parse_html(html)
    texts = [b.text for b in doc.boilerplate]
    assert any("Home" in t and "World" in t for t in texts)
    assert any("Story one" in t for t in texts)
    assert any("Facebook" in t for t in texts)
    assert any(t == "Contact us" for t in texts)
    assert "Story one" not in doc.body
    assert len(doc.paragraphs) == 2


def test_wrapper_with_boilerplate_class_holding_article_is_not_a_block():
    html = """<html><body><div class="layout has-sidebar">
<div class="story"><h1>River levels fall</h1>
<p>River levels across the county fell overnight and the flood warning for the town centre was lifted early on Tuesday morning.</p>
<p>Residents were told they could return to their homes, though some roads remain closed.</p></div>
</div></body></html>"""
    doc = parse_html(html)
    assert len(doc.paragraphs) == 2
    assert all("River levels across" not in b.text for b in doc.boilerplate)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>alert(1)</script></head><body><script>var x = 1;</script></body></html>",
        "<html><body><style>p { color: red }</style></body></html>",
        "<!-- only a comment -->",
        "</html>",
        "   \n  ",
        "",
    ],
)
def test_no_readable_text_raises_empty(html):
    with pytest.raises(EmptyDocumentError):
        parse_html(html)


def test_deeply_nested_html_is_a_document_or_ingest_error():
    html = (
        "<html><body>" + "<div>" * 10000 + "<p>deep text</p>" + "</div>" * 10000 + "</body></html>"
    )
    try:
        doc = parse_html(html)
    except IngestError:
        return
    assert isinstance(doc.body, str)


@pytest.mark.parametrize(
    "html",
    [
        "<p>unclosed <b>bold <div><p>text that goes on",
        "<<<>>>",
        "<html><body><p>Hi</p></body></html>",
        "plain words with no tags at all",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello there, a short test.</p></body></html>',
        "\ufeff<html><body><p>A page that starts with a byte order mark.</p></body></html>",
        "<html><body><table><tr><td>cell one text</td></tr></table></body></html>",
    ],
)
def test_malformed_html_gives_document(html):
    doc = parse_html(html)
    assert doc.body.strip()
    assert doc.metadata.source_type == "html"


def test_binary_bytes_refused():
    with pytest.raises(UnsupportedContentError):
        parse_html(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_fallback_when_extraction_finds_nothing_uses_page_text():
    doc = parse_html("<html><body>plain words with no paragraph tags</body></html>")
    assert doc.body == "plain words with no paragraph tags"
    assert any("extraction failed" in w for w in doc.warnings)


def test_body_links_resolve_against_the_page_url_like_a_browser():
    paragraph = (
        "The harbour board published its annual accounts on Tuesday, showing a small surplus "
        "after two years of losses, and the chair said the ferry timetable would stay as it is. "
    )
    html = (
        "<html><head><title>Harbour accounts</title></head><body><article><h1>Harbour accounts</h1>"
        f"<p>{paragraph}The <a href='tables/2024.html'>full tables</a> are online.</p>"
        f"<p>{paragraph}An <a href='/archive/2023'>archive</a> and a "
        f"<a href='//stats.example/ferry'>ferry count</a> are kept too.</p>"
        "</article></body></html>"
    )
    doc = parse_html(html, url="https://courier.example/news/2024/harbour.html")
    assert [link.href for link in doc.links] == [
        "https://courier.example/news/2024/tables/2024.html",  # path-relative: beside the page
        "https://courier.example/archive/2023",
        "https://stats.example/ferry",  # scheme-relative: the page's scheme
    ]
