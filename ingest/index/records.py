"""Article records as Chroma keeps them: metadata without the text, and back again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ingest.core.schema import Article, content_hash, items_json, metadata_hash


@dataclass(frozen=True)
class ArticleRecord:
    """What the index knows about one article, without its text."""

    id: str
    title: str
    source: str
    url: str
    published: str
    hash: str
    chunks: int
    origin: str
    sample: bool
    also_urls: tuple[str, ...]
    quoted_items: str = ""  # a gossip column's items, as items_json stores them


def article_meta(article: Article, chunks: int) -> dict[str, Any]:
    """What is stored beside an article's text."""
    return {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "hash": article.hash,
        "meta_hash": article.meta_hash,
        "text_hash": content_hash(article.text),
        "chunks": chunks,
        "origin": article.origin,
        "sample": article.sample,
        "also_urls": "\n".join(article.also_urls),
        "quoted_items": items_json(article.items),
    }


def placeholder_vectors(count: int) -> np.ndarray:
    """Article records need a vector for Chroma; they carry a constant 1-d one."""
    return np.ones((count, 1), dtype=np.float32)


def meta_hash(meta: Any) -> str:
    """The stored metadata hash; worked out from the fields for records written without one."""
    stored = meta.get("meta_hash")
    if stored:
        return str(stored)
    return metadata_hash(
        str(meta.get("source", "")),
        str(meta.get("url", "")),
        str(meta.get("published", "")),
        str(meta.get("author", "")),
        bool(meta.get("sample", False)),
        str(meta.get("origin", "")),
        str(meta.get("quoted_items", "") or ""),
    )


def record_from_meta(article_id: str, meta: Any) -> ArticleRecord:
    """The record an article's stored metadata describes."""
    also = str(meta.get("also_urls", "") or "")
    return ArticleRecord(
        id=article_id,
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        published=str(meta.get("published", "")),
        hash=str(meta.get("hash", "")),
        chunks=int(meta.get("chunks", 0)),
        origin=str(meta.get("origin", "")),
        sample=bool(meta.get("sample", False)),
        also_urls=tuple(u for u in also.split("\n") if u),
        quoted_items=str(meta.get("quoted_items", "") or ""),
    )
