"""Chunk, embed and store articles, touching only what changed, and report what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from ingest.chunking import ChunkConfig, TokenCounter, chunk_article
from ingest.embedders import Embedder
from ingest.errors import SourceError
from ingest.schema import Article, Chunk
from ingest.store import Store

log = logging.getLogger(__name__)

_ARTICLES_PER_BATCH = 64


@dataclass
class IngestReport:
    """What an ingest or refresh did; `to_json` is the documented CLI shape."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    embeddings: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, error: SourceError) -> None:
        """Count a failed source and keep its message."""
        self.failed += 1
        self.errors.append((error.source, error.reason))

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape printed by `--json`."""
        return {
            "articles": {
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "failed": self.failed,
            },
            "chunks": {"added": self.chunks_added, "removed": self.chunks_removed},
            "embeddings": self.embeddings,
            "errors": [{"source": s, "error": e} for s, e in self.errors],
        }

    @property
    def ok(self) -> bool:
        """True when no source failed."""
        return self.failed == 0


@dataclass(frozen=True)
class _Plan:
    article: Article
    status: str  # "new" or "updated"
    to_embed: list[Chunk]
    to_update: list[Chunk]
    stale: set[str]


class Ingestor:
    """Writes articles into the store; the only writer the app has."""

    def __init__(
        self, store: Store, embedder: Embedder, count_tokens: TokenCounter, config: ChunkConfig
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.count_tokens = count_tokens
        self.config = config

    def ingest(
        self,
        articles: Iterable[Article],
        report: IngestReport | None = None,
        on_article: Callable[[Article], None] | None = None,
    ) -> IngestReport:
        """Store new and changed articles; unchanged ones cost no embedding and no write."""
        report = report or IngestReport()
        for batch in _batches(articles, _ARTICLES_PER_BATCH):
            self._ingest_batch(batch, report)
            if on_article:
                for article in batch:
                    on_article(article)
        return report

    def _ingest_batch(self, batch: list[Article], report: IngestReport) -> None:
        latest = {a.id: a for a in batch}  # a repeated id within a batch: the last one wins
        stored = self.store.article_hashes(list(latest))
        plans: list[_Plan] = []
        for article in latest.values():
            if stored.get(article.id) == article.hash:
                report.unchanged += 1
                continue
            plans.append(self._plan(article, "updated" if article.id in stored else "new"))
        texts = [c.text for plan in plans for c in plan.to_embed]
        vectors = iter(self.embedder.embed(texts) if texts else [])
        for plan in plans:
            embeddings = [next(vectors) for _ in plan.to_embed]
            self._apply(plan, embeddings)
            report.embeddings += len(plan.to_embed)
            report.chunks_added += len(plan.to_embed)
            report.chunks_removed += len(plan.stale)
            if plan.status == "new":
                report.new += 1
            else:
                report.updated += 1

    def _plan(self, article: Article, status: str) -> _Plan:
        chunks = chunk_article(article, self.count_tokens, self.config)
        existing = self.store.chunk_ids(article.id)
        unique = list({c.id: c for c in chunks}.values())
        return _Plan(
            article=article,
            status=status,
            to_embed=[c for c in unique if c.id not in existing],
            to_update=[c for c in unique if c.id in existing],
            stale=existing - {c.id for c in unique},
        )

    def _apply(self, plan: _Plan, embeddings: list[list[float]]) -> None:
        # New chunks first, the article record (the commit mark) next, stale chunks last:
        # a run stopped at any point is completed by running it again.
        self.store.put_chunks(plan.to_embed, embeddings)
        self.store.update_chunks(plan.to_update)
        chunk_count = len(plan.to_embed) + len(plan.to_update)
        self.store.put_article(plan.article, chunk_count)
        self.store.delete_chunks(plan.stale)
        log.debug("%s %s: %d chunks", plan.status, plan.article.id, chunk_count)

    def forget(self, article_id: str) -> int:
        """Remove one article and its chunks; returns how many chunks were removed."""
        return self.store.delete_article(article_id)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def with_origin(article: Article, origin: str) -> Article:
    """The article tagged with the registered source it came from."""
    return replace(article, origin=origin)
