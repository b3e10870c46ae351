"""The write side of the index in Chroma: chunks first, then the records that commit them."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence

from ingest.core.schema import Article, Chunk
from ingest.index.reader import ChromaReader
from ingest.index.records import article_meta, placeholder_vectors
from ingest.index.store import REVISION_ID

log = logging.getLogger(__name__)


class ChromaWriter(ChromaReader):
    """Writes an index's collections (StoreWriter); every write changes the revision token."""

    # -- articles ---------------------------------------------------------------------------

    def put_article(self, article: Article, chunks: int) -> None:
        """Write the article record; done after its chunks, so it marks the article complete."""
        self.put_articles([(article, chunks)])

    def put_articles(self, items: Sequence[tuple[Article, int]]) -> None:
        """Write several article records (with their chunk counts) in as few calls as possible."""
        for start in range(0, len(items), self._batch):
            part = items[start : start + self._batch]
            self._articles.upsert(
                ids=[article.id for article, _ in part],
                embeddings=placeholder_vectors(len(part)),
                documents=[article.text for article, _ in part],
                metadatas=[article_meta(article, chunks) for article, chunks in part],
            )
        if items:
            self._bump()

    def delete_article(self, article_id: str) -> int:
        """Remove an article and all of its chunks; returns how many chunks went."""
        ids = self.chunk_ids(article_id)
        self.delete_chunks(ids)
        self._articles.delete(ids=[article_id])
        self._bump()
        return len(ids)

    # -- chunks -----------------------------------------------------------------------------

    def put_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        """Store chunks with their vectors (upsert: content-derived ids make this idempotent)."""
        for start in range(0, len(chunks), self._batch):
            part = chunks[start : start + self._batch]
            self._chunks.upsert(
                ids=[c.id for c in part],
                embeddings=[list(v) for v in embeddings[start : start + self._batch]],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )
        if chunks:
            self._bump()

    def update_chunks(self, chunks: Sequence[Chunk]) -> None:
        """Refresh metadata (spans, titles) of chunks whose text and vector are unchanged."""
        for start in range(0, len(chunks), self._batch):
            part = chunks[start : start + self._batch]
            self._chunks.update(ids=[c.id for c in part], metadatas=[c.metadata() for c in part])
        if chunks:
            self._bump()

    def delete_chunks(self, ids: Iterable[str]) -> None:
        """Remove chunks by id."""
        ids = list(ids)
        for start in range(0, len(ids), self._batch):
            self._chunks.delete(ids=ids[start : start + self._batch])
        if ids:
            self._bump()

    def _bump(self) -> None:
        self._articles.upsert(
            ids=[REVISION_ID],
            embeddings=placeholder_vectors(1),
            documents=[""],
            metadatas=[{"token": uuid.uuid4().hex, "hash": ""}],
        )
