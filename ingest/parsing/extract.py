"""Main-text and metadata extraction from HTML pages, with trafilatura."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest.core.errors import ExtractionError
from ingest.core.schema import Article
from ingest.fetching.decode import html_source
from ingest.fetching.fetch import FetchResult

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200
_FOOTNOTE = re.compile(r"(?<=\S)\[\d{1,3}\]")


@dataclass(frozen=True)
class ExtractedPage:
    """The article inside a page: its text and what the page says about it."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    sitename: str = ""


def extract_html(html: str | bytes, url: str | None, source: str) -> ExtractedPage:
    """The page's main text without navigation, cookie banners or footers.

    `html` is decoded text, or raw bytes for trafilatura to decode (see html_source).
    """
    import trafilatura  # slow to import: only commands that read pages pay for it

    if not html.strip():
        raise ExtractionError(source, "the page is empty")
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None:
        raise ExtractionError(source, "no article text found in the page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    # Footnote markers ("Rasmussen.[2]") would read as the bot's own citation numbers.
    text = _FOOTNOTE.sub("", (data.get("text") or "")).strip()
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(
            source, "the page has no article text (only boilerplate, or under 200 characters)"
        )
    return ExtractedPage(
        text=text,
        title=(data.get("title") or "").strip(),
        author=(data.get("author") or "").strip(),
        date=(data.get("date") or "").strip(),
        sitename=(data.get("sitename") or "").strip(),
    )


def article_from_page(result: FetchResult, origin: str, outlet: str = "") -> Article:
    """The article a fetched page holds, identified by its canonical final URL.

    The page's own <link rel=canonical> is not trusted as an id: any page could claim another's.
    """
    html = html_source(result.body, result.charset)
    page = extract_html(html, url=result.final_url, source=result.url)
    host = urlsplit(result.final_url).hostname or ""
    return Article(
        id=result.final_url,
        title=page.title or page.text.split("\n", 1)[0][:120],
        text=page.text,
        source=page.sitename or outlet or host.removeprefix("www."),
        url=result.final_url,
        published=page.date,
        author=page.author,
        origin=origin,
        also_urls=(result.url,) if result.url != result.final_url else (),
    )
