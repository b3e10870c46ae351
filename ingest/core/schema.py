"""The records the index holds: articles and the chunks cut from them."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any


def normalize_text(text: str) -> str:
    """Unicode-normalised text with runs of whitespace folded, for hashing and comparing."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """A stable fingerprint of an article's normalised text."""
    return hashlib.sha256(normalize_text(text).encode()).hexdigest()


@dataclass(frozen=True)
class QuotedItem:
    """A gossip column's item: its span of the article's text, the outlet it cites, that link."""

    start: int
    end: int
    outlet: str
    url: str


def items_json(items: tuple[QuotedItem, ...]) -> str:
    """Quoted items as stored beside the article ('' when there are none)."""
    if not items:
        return ""
    return json.dumps([[i.start, i.end, i.outlet, i.url] for i in items], separators=(",", ":"))


def items_from_json(stored: str) -> tuple[QuotedItem, ...]:
    """Quoted items back from their stored form; nothing when absent or unreadable."""
    try:
        rows = json.loads(stored) if stored else []
        return tuple(QuotedItem(int(a), int(b), str(c), str(d)) for a, b, c, d in rows)
    except (ValueError, TypeError):
        return ()


@dataclass(frozen=True)
class Article:
    """One news article as ingested: identity, text and attribution."""

    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""
    author: str = ""
    sample: bool = False
    origin: str = ""  # the registered source (file, URL or feed) that brought it in
    also_urls: tuple[str, ...] = field(default=())
    items: tuple[QuotedItem, ...] = field(default=())  # a gossip column's items and outlets

    def item_at(self, start: int) -> QuotedItem | None:
        """The quoted item whose span holds the text position `start`, if any."""
        return next((i for i in self.items if i.start <= start < i.end), None)

    @property
    def hash(self) -> str:
        """Fingerprint of title and text: equal hashes mean nothing to re-embed."""
        return content_hash(self.title + "\n" + self.text)

    @property
    def meta_hash(self) -> str:
        """Fingerprint of the metadata outside `hash`: a change is stored without re-embedding."""
        return metadata_hash(
            self.source,
            self.url,
            self.published,
            self.author,
            self.sample,
            self.origin,
            items_json(self.items),
        )


def metadata_hash(
    source: str, url: str, published: str, author: str, sample: bool, origin: str, items: str = ""
) -> str:
    """Fingerprint of an article's attribution, date, sample flag, source and quoted items."""
    fields = [source, url, published, author, "1" if sample else "0", origin]
    if items:  # articles without items keep the fingerprint they had before items existed
        fields.append(items)
    return hashlib.sha256("\x00".join(fields).encode()).hexdigest()


@dataclass(frozen=True)
class Chunk:
    """A span of an article's text, the unit that is embedded and retrieved."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    title: str
    source: str = ""
    url: str = ""
    published: str = ""
    sample: bool = False

    @cached_property
    def id(self) -> str:
        """Content-derived id: the same article text always gives the same ids."""
        digest = hashlib.sha256(f"{self.article_id}\x00{self.text}".encode()).hexdigest()
        return f"c-{digest[:32]}"

    def metadata(self) -> dict[str, Any]:
        """The chunk's metadata as stored beside its vector."""
        return {
            "article_id": self.article_id,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "published_ts": published_timestamp(self.published),
            "sample": self.sample,
        }

    @classmethod
    def from_stored(cls, text: str, meta: dict[str, Any]) -> Chunk:
        """Rebuild a chunk from what the store returns."""
        return cls(
            article_id=str(meta["article_id"]),
            index=int(meta.get("index", 0)),
            start=int(meta.get("start", 0)),
            end=int(meta.get("end", len(text))),
            text=text,
            title=str(meta.get("title", "")),
            source=str(meta.get("source", "")),
            url=str(meta.get("url", "")),
            published=str(meta.get("published", "")),
            sample=bool(meta.get("sample", False)),
        )


def published_timestamp(published: str) -> int:
    """Seconds since the epoch for an ISO date or datetime; 0 when unknown or unparsable."""
    if not published:
        return 0
    value = published.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
