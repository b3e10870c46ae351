"""Feed parsing: RSS 2.0 and Atom entries, links, dates, text, caps, and broken or foreign XML."""

from __future__ import annotations

import pytest

from ingest.core.errors import SourceError
from ingest.parsing.feeds import entry_article, html_to_text, parse_feed
from tests.support.httpserver import atom_feed, rss_feed

FEED_URL = "https://feeds.example/football/rss.xml"


def test_rss_entries_with_canonical_links_dates_and_text() -> None:
    xml = rss_feed(
        "Ball Rumours",
        [
            {
                "title": "Saka &amp; Rice: Arsenal plan",
                "link": "https://news.example/a?utm_source=rss&amp;id=7#comments",
                "pubDate": "Tue, 01 Oct 2024 10:00:00 GMT",
                "author": "desk@news.example (Desk)",
                "description": "<p>First paragraph.</p><p>Second <b>bold</b> one.</p>",
            },
            {"title": "No date", "link": "https://news.example/b", "description": "Short."},
        ],
    )
    feed = parse_feed(xml, FEED_URL, max_entries=10)
    assert (feed.title, feed.total, feed.capped) == ("Ball Rumours", 2, False)
    first, second = feed.entries
    assert first.link == first.key == "https://news.example/a?id=7"
    assert first.title == "Saka & Rice: Arsenal plan"
    assert first.published == "2024-10-01T10:00:00+00:00"
    assert first.text == "First paragraph.\n\nSecond bold one."
    assert second.published == ""
    assert first.fingerprint != second.fingerprint


def test_atom_relative_links_resolve_against_the_feed_and_content_beats_summary() -> None:
    xml = atom_feed(
        "Atom Outlet",
        [
            {
                "title": "Kane latest",
                "href": "/stories/kane",
                "updated": "2024-10-02T08:00:00Z",
                "author": "Jo Writer",
                "summary": "A teaser.",
                "content": "<p>The full story of Kane.</p>",
            }
        ],
    )
    [entry] = parse_feed(xml, FEED_URL, max_entries=10).entries
    assert entry.link == "https://feeds.example/stories/kane"
    assert entry.text == "The full story of Kane."
    assert (entry.author, entry.published) == ("Jo Writer", "2024-10-02T08:00:00+00:00")


def test_fallback_article_uses_entry_date_and_feed_outlet() -> None:
    xml = rss_feed(
        "Ball Rumours",
        [
            {
                "title": "Osimhen to Chelsea?",
                "link": "https://news.example/osimhen",
                "pubDate": "Wed, 02 Oct 2024 07:15:00 GMT",
                "description": "Chelsea are weighing up a bid for Victor Osimhen.",
            },
            {"title": "Empty", "link": "https://news.example/empty"},
        ],
    )
    feed = parse_feed(xml, FEED_URL, max_entries=10)
    article = entry_article(feed.entries[0], feed, origin=FEED_URL)
    assert article is not None
    assert (article.id, article.source, article.published) == (
        "https://news.example/osimhen",
        "Ball Rumours",
        "2024-10-02T07:15:00+00:00",
    )
    assert article.text == "Chelsea are weighing up a bid for Victor Osimhen."
    assert entry_article(feed.entries[1], feed, origin=FEED_URL) is None


def test_cap_keeps_the_first_entries_and_reports_the_total() -> None:
    items = [{"title": f"Story {n}", "link": f"https://news.example/{n}"} for n in range(30)]
    feed = parse_feed(rss_feed("Big", items), FEED_URL, max_entries=10)
    assert [e.title for e in feed.entries] == [f"Story {n}" for n in range(10)]
    assert (feed.total, feed.capped) == (30, True)


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Broken',
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</channel></rss>',
        "this is not xml at all",
    ],
    ids=["truncated", "mismatched-tag", "not-xml"],
)
def test_malformed_xml_is_an_error(xml: str) -> None:
    with pytest.raises(SourceError, match=r"malformed feed XML \(line \d+, column \d+: ") as caught:
        parse_feed(xml, FEED_URL, max_entries=10)
    assert caught.value.source == FEED_URL


def test_small_xml_errors_are_read_past_and_noted() -> None:
    xml = rss_feed("A&nbsp;B", [{"title": "x", "link": "https://news.example/x?a=1&b=2"}])
    feed = parse_feed(xml, FEED_URL, max_entries=10)
    assert [e.link for e in feed.entries] == ["https://news.example/x?a=1&b=2"]
    assert feed.malformed is not None and feed.malformed.startswith("malformed feed XML (line")


def test_xml_that_is_not_a_feed_is_an_error() -> None:
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        parse_feed('<?xml version="1.0"?><catalog><book>x</book></catalog>', FEED_URL, 10)


def test_declared_latin1_feed_is_decoded() -> None:
    text = "Müller, Señor Pérez and the £40m fee"
    raw = rss_feed(text, [{"title": text, "link": "https://news.example/m"}], encoding="ISO-8859-1")
    body = raw.encode("latin-1")  # what the fetcher hands over
    feed = parse_feed(body, FEED_URL, max_entries=10, content_type="application/rss+xml")
    assert feed.title == text and feed.entries[0].title == text


def test_a_feed_whose_header_charset_is_wrong_is_still_read() -> None:
    # The server says UTF-8, the feed's bytes and its declaration say Latin-1: feedparser tries
    # the header's charset, finds it cannot be, and uses the declaration.
    text = "Müller, Señor Pérez and the £40m fee"
    raw = rss_feed(text, [{"title": text, "link": "https://news.example/m"}], encoding="ISO-8859-1")
    body = raw.encode("latin-1")
    feed = parse_feed(body, FEED_URL, 10, content_type="application/rss+xml", charset="utf-8")
    assert feed.title == text and feed.entries[0].title == text


def test_decoded_text_is_read_as_utf8_whatever_it_declares() -> None:
    text = "Müller, Señor Pérez and the £40m fee"
    raw = rss_feed(text, [{"title": text, "link": "https://news.example/m"}], encoding="ISO-8859-1")
    feed = parse_feed(raw, FEED_URL, max_entries=10)  # a str: decoded already
    assert feed.title == text and feed.entries[0].title == text


def test_unfetchable_entry_links_are_not_used() -> None:
    items = [
        {"title": "Local", "link": "file:///etc/passwd", "description": "Text one."},
        {"title": "Script", "link": "javascript:alert(1)", "guid": "g-2", "description": "Two."},
    ]
    feed = parse_feed(rss_feed("Odd", items), FEED_URL, max_entries=10)
    assert [e.link for e in feed.entries] == ["", ""]
    assert all(e.key.startswith(FEED_URL + "#entry-") for e in feed.entries)
    assert len({e.key for e in feed.entries}) == 2


def test_html_to_text_keeps_paragraphs_and_drops_tags() -> None:
    fragment = "<div><p>One &amp; two</p><p>Three<br>four</p><ul><li>five</li></ul></div>"
    assert html_to_text(fragment) == "One & two\n\nThree\n\nfour\n\nfive"
