"""RSS and Atom feeds, parsed with feedparser into the entries worth ingesting (no I/O here)."""

from __future__ import annotations

import hashlib
import html
import logging
import re
import time
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from ingest.core.errors import FetchRefusedError, SourceError
from ingest.core.schema import Article
from ingest.fetching.urls import canonical_url

log = logging.getLogger(__name__)

_BREAKS = re.compile(r"(?i)<\s*(?:br|hr)\b[^>]*>|<\s*/\s*(?:p|div|li|h[1-6]|blockquote|tr)\s*>")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: where its article lives, and the feed's own text for it."""

    key: str  # the canonical link, or a stable id under the feed's URL when it has none
    link: str  # canonical http(s) link to the article page; "" when there is none
    title: str
    published: str  # ISO date-time from the entry, or ""
    author: str
    text: str  # the entry's content, else its summary, as plain text
    fingerprint: str  # changes whenever the entry changes


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title, its first `max_entries` entries, and how many it had."""

    url: str
    title: str
    entries: list[FeedEntry]
    total: int
    malformed: str | None = None  # the XML error read past, if any

    @property
    def capped(self) -> bool:
        """True when the feed had more entries than were kept."""
        return self.total > len(self.entries)


def parse_feed(
    document: bytes | str,
    url: str,
    max_entries: int,
    *,
    content_type: str = "application/xml",
    charset: str | None = None,
) -> Feed:
    """Parse a feed fetched from `url`; malformed XML or a non-feed is a SourceError.

    Raw bytes go to feedparser with the response's media type and charset: it weighs them
    against the XML declaration and the BOM itself, and tries other encodings when the declared
    one fails. Text that is already decoded is handed over as UTF-8.
    """
    if isinstance(document, str):
        document, charset = document.encode("utf-8"), "utf-8"
    parsed = feedparser.parse(
        document,
        response_headers={
            "content-type": f"{content_type}; charset={charset}" if charset else content_type,
            "content-location": url,
        },
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    items = list(parsed.entries)
    entries = [_entry(item, url) for item in items[:max_entries]]
    problem = parsed.get("bozo_exception")
    malformed = None
    if isinstance(problem, xml.sax.SAXParseException):
        where = f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}"
        malformed = f"malformed feed XML ({where}: {problem.getMessage()})"
        # Real feeds often break XML in small ways (a raw & in a link, an HTML entity) that the
        # lenient parser reads past; only a feed that yields nothing usable is refused.
        if not any(e.link or e.text for e in entries):
            raise SourceError(url, malformed)
    elif not parsed.get("version") and not items:
        raise SourceError(url, "not an RSS or Atom feed")
    title = _clean(parsed.feed.get("title", ""))
    return Feed(url=url, title=title, entries=entries, total=len(items), malformed=malformed)


def _entry(item: Any, feed_url: str) -> FeedEntry:
    link = _link(item.get("link", ""))
    published = _iso(_field(item, "published_parsed") or _field(item, "updated_parsed"))
    text = _best_text(item)
    title = _clean(item.get("title", ""))
    ident = str(item.get("id") or "")
    key = link or f"{feed_url}#entry-{_digest(ident or title + text)}"
    stamp = "\x00".join((link, title, published, str(_field(item, "updated") or ""), text))
    return FeedEntry(
        key=key,
        link=link,
        title=title,
        published=published,
        author=_clean(item.get("author", "")),
        text=text,
        fingerprint=_digest(stamp),
    )


def _field(item: Any, name: str) -> Any:
    """A field only when the entry has it (feedparser maps `updated` to `published`, noisily)."""
    return dict.get(item, name)


def _link(raw: str) -> str:
    """The entry's link as a canonical http(s) URL, or "" when it is missing or not fetchable."""
    if not raw:
        return ""
    try:
        return canonical_url(raw)
    except FetchRefusedError as exc:
        log.info("feed entry link not used: %s", exc.reason)
        return ""


def _best_text(item: Any) -> str:
    """The longest content block, else the summary, as plain text."""
    contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
    candidates = [html_to_text(value) for value in contents]
    candidates.append(html_to_text(item.get("summary", "")))
    return max(candidates, key=len, default="")


def html_to_text(fragment: str) -> str:
    """Plain text of an (already sanitised) HTML fragment, with paragraph breaks kept."""
    text = html.unescape(_TAGS.sub("", _BREAKS.sub("\n", fragment)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean(value: str) -> str:
    return " ".join(html_to_text(str(value)).split())


def _iso(parsed: time.struct_time | None) -> str:
    if not parsed:
        return ""
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def entry_article(entry: FeedEntry, feed: Feed, origin: str) -> Article | None:
    """The entry's own text as an article (the fallback when its page fails), or None if empty."""
    if not entry.text.strip():
        return None
    return Article(
        id=entry.key,
        title=entry.title or entry.text.split("\n", 1)[0][:120],
        text=entry.text,
        source=feed.title,
        url=entry.link,
        published=entry.published,
        author=entry.author,
        origin=origin,
    )
