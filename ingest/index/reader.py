"""The read side of the index in Chroma: articles, nearest chunks, chunks by id, the revision."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ingest.core.schema import Article, Chunk, items_from_json
from ingest.index.records import ArticleRecord, meta_hash, record_from_meta
from ingest.index.store import REVISION_ID, Collections

log = logging.getLogger(__name__)

_PAGE = 2000
_ARTICLES_PER_GET = 100  # articles whose chunks one filtered get asks for
_ID_PAGE = 20_000  # ids alone page cheaply; Chroma refuses pages much above 30,000


def _article(article_id: str, meta: Any, text: str) -> Article:
    record = record_from_meta(article_id, meta)
    return Article(
        id=article_id,
        title=record.title,
        text=text,
        source=record.source,
        url=record.url,
        published=record.published,
        author=str(meta.get("author", "")),
        sample=record.sample,
        origin=record.origin,
        also_urls=record.also_urls,
        items=items_from_json(str(meta.get("quoted_items", "") or "")),
    )


class ChromaReader:
    """Reads an index's collections: StoreReader, plus the reads ingest needs (StoreWriter's)."""

    def __init__(self, collections: Collections) -> None:
        self._chunks = collections.chunks
        self._articles = collections.articles
        self._batch = collections.batch

    # -- articles ---------------------------------------------------------------------------

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Stored content hash of each of `ids` that is in the index (repeats are fine)."""
        return {key: hashes[0] for key, hashes in self.article_fingerprints(ids).items()}

    def article_fingerprints(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(content hash, metadata hash) of each of `ids` that is in the index."""
        unique = list(dict.fromkeys(ids))  # Chroma refuses a get with a repeated id
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(unique), self._batch):
            got = self._articles.get(ids=unique[start : start + self._batch], include=["metadatas"])
            for article_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                found[article_id] = (str(meta["hash"]), meta_hash(meta))
        return found

    def records(self, ids: Sequence[str]) -> dict[str, ArticleRecord]:
        """The record (no text) of each of `ids` that is in the index."""
        unique = list(dict.fromkeys(ids))
        found: dict[str, ArticleRecord] = {}
        for start in range(0, len(unique), self._batch):
            got = self._articles.get(ids=unique[start : start + self._batch], include=["metadatas"])
            for article_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                found[article_id] = record_from_meta(article_id, meta)
        return found

    def incomplete_articles(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` whose record is stored but not with as many chunks as it counts."""
        records = self.records(ids)
        present = self.chunk_ids_of(list(records))
        return {i for i, record in records.items() if len(present.get(i, ())) != record.chunks}

    def find_by_text_hash(self, text_hash: str) -> ArticleRecord | None:
        """The article stored with this body text whatever its title (syndicated copies)."""
        got = self._articles.get(where={"text_hash": text_hash}, limit=1, include=["metadatas"])
        if not got["ids"]:
            return None
        return record_from_meta(got["ids"][0], (got["metadatas"] or [{}])[0])

    def get_article(self, article_id: str) -> Article | None:
        """The full article, text included, or None."""
        return self.get_articles([article_id]).get(article_id)

    def get_articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """The full articles of `ids` that are stored, text included, in one read per batch."""
        unique = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        for start in range(0, len(unique), self._batch):
            got = self._articles.get(
                ids=unique[start : start + self._batch], include=["metadatas", "documents"]
            )
            for article_id, meta, text in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            ):
                found[article_id] = _article(article_id, meta, text or "")
        return found

    def list_articles(self) -> list[ArticleRecord]:
        """Every article record (no text), in no particular order."""
        records: list[ArticleRecord] = []
        for ids, metas, _ in self._pages(self._articles, include=["metadatas"]):
            records.extend(
                record_from_meta(i, m) for i, m in zip(ids, metas, strict=True) if i != REVISION_ID
            )
        return records

    # -- chunks -----------------------------------------------------------------------------

    def chunk_ids(self, article_id: str) -> set[str]:
        """Ids of every stored chunk of an article."""
        got = self._chunks.get(where={"article_id": article_id}, include=[])
        return set(got["ids"])

    def chunk_ids_of(self, article_ids: Sequence[str]) -> dict[str, set[str]]:
        """Ids of the stored chunks of each of `article_ids` that has any."""
        unique = list(dict.fromkeys(article_ids))
        found: dict[str, set[str]] = {}
        for start in range(0, len(unique), _ARTICLES_PER_GET):
            part = unique[start : start + _ARTICLES_PER_GET]
            got = self._chunks.get(where={"article_id": {"$in": part}}, include=["metadatas"])
            for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                found.setdefault(str(meta["article_id"]), set()).add(chunk_id)
        return found

    def nearest(self, vector: Sequence[float] | np.ndarray, k: int) -> list[tuple[str, float]]:
        """Ids of the k chunks nearest to `vector`, best first, with their cosine similarity."""
        got = self._chunks.query(query_embeddings=[vector], n_results=k, include=["distances"])
        ids = got["ids"][0] if got["ids"] else []
        dists = (got["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=True)]

    def get_chunks(self, ids: Sequence[str]) -> dict[str, Chunk]:
        """The stored chunks of `ids` (the others are left out), in one read per batch."""
        unique = list(dict.fromkeys(ids))
        found: dict[str, Chunk] = {}
        for start in range(0, len(unique), self._batch):
            part = unique[start : start + self._batch]
            got = self._chunks.get(ids=part, include=["documents", "metadatas"])
            for chunk_id, meta, text in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            ):
                found[chunk_id] = Chunk.from_stored(text or "", dict(meta))
        return found

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored embedding of each of `ids` that is stored, in one read per batch."""
        unique = list(dict.fromkeys(ids))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(unique), self._batch):
            got = self._chunks.get(ids=unique[start : start + self._batch], include=["embeddings"])
            vectors = got["embeddings"] if got["embeddings"] is not None else []
            for chunk_id, vector in zip(got["ids"], vectors, strict=True):
                found[chunk_id] = np.asarray(vector, dtype=np.float32)
        return found

    def all_chunks(self) -> list[Chunk]:
        """Every chunk with its text (to rebuild the lexical index, or check after a crash).

        Ids are listed first and read back by id: Chroma's offset paging rescans what it skips.
        """
        pages = self._pages(self._chunks, include=[], size=_ID_PAGE)
        ids = [chunk_id for page, _, _ in pages for chunk_id in page]
        found = self.get_chunks(ids)
        return [found[i] for i in ids if i in found]

    def count_chunks(self) -> int:
        """How many chunks are stored."""
        return int(self._chunks.count())

    def revision(self) -> str:
        """A token that changes on every write, by any process sharing the store."""
        got = self._articles.get(ids=[REVISION_ID], include=["metadatas"])
        if not got["ids"]:
            return "0"
        return str((got["metadatas"] or [{}])[0].get("token", "0"))

    def _pages(
        self, collection: Any, include: list[str], size: int = _PAGE
    ) -> Iterable[tuple[list[str], list[Any], list[Any]]]:
        offset = 0
        while True:
            got = collection.get(limit=size, offset=offset, include=include)
            ids = got["ids"]
            if not ids:
                return
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") or [""] * len(ids)
            yield ids, metas, docs
            offset += len(ids)
