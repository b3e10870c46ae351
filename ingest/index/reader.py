"""The read side of the index in Chroma: articles, nearest chunks, every chunk, the revision."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from ingest.core.schema import Article, Chunk, items_from_json
from ingest.index.records import ArticleRecord, meta_hash, record_from_meta
from ingest.index.store import REVISION_ID, Collections, ScoredChunk

log = logging.getLogger(__name__)

_PAGE = 2000
_ARTICLES_PER_GET = 100  # articles whose chunks one filtered get asks for


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
        got = self._articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        meta = (got["metadatas"] or [{}])[0]
        record = record_from_meta(article_id, meta)
        return Article(
            id=article_id,
            title=record.title,
            text=(got["documents"] or [""])[0] or "",
            source=record.source,
            url=record.url,
            published=record.published,
            author=str(meta.get("author", "")),
            sample=record.sample,
            origin=record.origin,
            also_urls=record.also_urls,
            items=items_from_json(str(meta.get("quoted_items", "") or "")),
        )

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

    def query(self, vector: Sequence[float], k: int) -> list[ScoredChunk]:
        """The k chunks nearest to `vector`, best first, scored by cosine similarity."""
        total = self._chunks.count()
        if total == 0:
            return []
        got = self._chunks.query(
            query_embeddings=[list(vector)],
            n_results=min(k, total),
            include=["documents", "metadatas", "distances"],
        )
        docs = (got["documents"] or [[]])[0]
        metas = (got["metadatas"] or [[]])[0]
        dists = (got["distances"] or [[]])[0]
        return [
            ScoredChunk(Chunk.from_stored(doc or "", dict(meta)), 1.0 - float(dist))
            for doc, meta, dist in zip(docs, metas, dists, strict=True)
        ]

    def all_chunks(self) -> list[Chunk]:
        """Every chunk with its text (for the lexical index)."""
        chunks: list[Chunk] = []
        for _, metas, docs in self._pages(self._chunks, include=["metadatas", "documents"]):
            chunks.extend(
                Chunk.from_stored(d or "", dict(m)) for m, d in zip(metas, docs, strict=True)
            )
        return chunks

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
        self, collection: Any, include: list[str]
    ) -> Iterable[tuple[list[str], list[Any], list[Any]]]:
        offset = 0
        while True:
            got = collection.get(limit=_PAGE, offset=offset, include=include)
            ids = got["ids"]
            if not ids:
                return
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") or [""] * len(ids)
            yield ids, metas, docs
            offset += len(ids)
