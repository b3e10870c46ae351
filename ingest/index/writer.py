"""The write side of the index in Chroma: chunks first, then the records that commit them.

Every write changes the store's revision token and is handed to the lexical index, which saves
its next snapshot when the outermost `updating()` block ends (each write is its own block when
no caller opened one).
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence

from ingest.core.schema import Article, Chunk
from ingest.index.lexical import LexicalIndex
from ingest.index.reader import ChromaReader
from ingest.index.records import article_meta, placeholder_vectors
from ingest.index.store import REVISION_ID, Collections

log = logging.getLogger(__name__)


class ChromaWriter(ChromaReader):
    """Writes an index's collections (StoreWriter); every write changes the revision token."""

    def __init__(self, collections: Collections, lexical: LexicalIndex | None = None) -> None:
        super().__init__(collections)
        self._lexical = lexical

    @contextlib.contextmanager
    def updating(self) -> Iterator[None]:
        """Group writes: the saved lexical index is brought up to date once, at the end."""
        if self._lexical is None:
            yield
            return
        with self._lexical.updating(bump=self._bump):
            yield

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write: if it fails part-way, the lexical index cannot know what it left behind."""
        with self.updating():
            try:
                yield
            except BaseException:
                if self._lexical is not None:
                    self._lexical.note_failed()
                raise

    # -- articles ---------------------------------------------------------------------------

    def put_article(self, article: Article, chunks: int) -> None:
        """Write the article record; done after its chunks, so it marks the article complete."""
        self.put_articles([(article, chunks)])

    def put_articles(self, items: Sequence[tuple[Article, int]]) -> None:
        """Write several article records (with their chunk counts) in as few calls as possible."""
        if not items:
            return
        with self._writing():
            for start in range(0, len(items), self._batch):
                part = items[start : start + self._batch]
                self._articles.upsert(
                    ids=[article.id for article, _ in part],
                    embeddings=placeholder_vectors(len(part)),
                    documents=[article.text for article, _ in part],
                    metadatas=[article_meta(article, chunks) for article, chunks in part],
                )
            self._bump()

    def delete_article(self, article_id: str) -> int:
        """Remove an article and all of its chunks; returns how many chunks went."""
        with self._writing():
            ids = self.chunk_ids(article_id)
            self.delete_chunks(ids)
            self._articles.delete(ids=[article_id])
            self._bump()
        return len(ids)

    # -- chunks -----------------------------------------------------------------------------

    def put_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        """Store chunks with their vectors (upsert: content-derived ids make this idempotent)."""
        if not chunks:
            return
        with self._writing():
            for start in range(0, len(chunks), self._batch):
                part = chunks[start : start + self._batch]
                self._chunks.upsert(
                    ids=[c.id for c in part],
                    embeddings=[list(v) for v in embeddings[start : start + self._batch]],
                    documents=[c.text for c in part],
                    metadatas=[c.metadata() for c in part],
                )
            self._bump()
            if self._lexical is not None:
                self._lexical.note_put(chunks)

    def update_chunks(self, chunks: Sequence[Chunk]) -> None:
        """Refresh metadata (spans, titles) of chunks whose text and vector are unchanged."""
        if not chunks:
            return
        with self._writing():
            for start in range(0, len(chunks), self._batch):
                part = chunks[start : start + self._batch]
                self._chunks.update(
                    ids=[c.id for c in part], metadatas=[c.metadata() for c in part]
                )
            self._bump()
            if self._lexical is not None:
                self._lexical.note_put(chunks)

    def delete_chunks(self, ids: Iterable[str]) -> None:
        """Remove chunks by id."""
        ids = list(ids)
        if not ids:
            return
        with self._writing():
            for start in range(0, len(ids), self._batch):
                self._chunks.delete(ids=ids[start : start + self._batch])
            self._bump()
            if self._lexical is not None:
                self._lexical.note_removed(ids)

    def _bump(self) -> None:
        """Change the revision token, telling the lexical index which token it replaced."""
        token = uuid.uuid4().hex
        before = self.revision() if self._lexical is not None else ""
        self._articles.upsert(
            ids=[REVISION_ID],
            embeddings=placeholder_vectors(1),
            documents=[""],
            metadatas=[{"token": token, "hash": ""}],
        )
        if self._lexical is not None:
            self._lexical.note_bump(before, token)
