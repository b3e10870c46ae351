"""The index: chunks with their vectors, and one record per article, kept in Chroma."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from ingest.core.errors import EmbedderMismatchError, StoreError
from ingest.core.schema import Article, Chunk
from ingest.core.settings import Settings
from ingest.index.embedders import Embedder
from ingest.index.records import (
    ArticleRecord,
    article_meta,
    meta_hash,
    placeholder_vectors,
    record_from_meta,
)

__all__ = ["ArticleRecord", "ChromaStore", "ScoredChunk", "Store", "make_chroma_client"]

log = logging.getLogger(__name__)

_REVISION_ID = "__revision__"
_PAGE = 2000


@dataclass(frozen=True)
class ScoredChunk:
    """A retrieved chunk and its cosine similarity to the query."""

    chunk: Chunk
    score: float


class Store(Protocol):
    """What ingest writes and the bot reads; see ChromaStore for the real thing."""

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]: ...
    def article_fingerprints(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]: ...
    def find_by_hash(self, content_hash: str) -> ArticleRecord | None: ...
    def find_by_text_hash(self, text_hash: str) -> ArticleRecord | None: ...
    def get_article(self, article_id: str) -> Article | None: ...
    def list_articles(self) -> list[ArticleRecord]: ...
    def chunk_ids(self, article_id: str) -> set[str]: ...
    def put_chunks(
        self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]
    ) -> None: ...
    def update_chunks(self, chunks: Sequence[Chunk]) -> None: ...
    def delete_chunks(self, ids: Iterable[str]) -> None: ...
    def put_article(self, article: Article, chunks: int) -> None: ...
    def put_articles(self, items: Sequence[tuple[Article, int]]) -> None: ...
    def delete_article(self, article_id: str) -> int: ...
    def query(self, vector: Sequence[float], k: int) -> list[ScoredChunk]: ...
    def all_chunks(self) -> list[Chunk]: ...
    def count_chunks(self) -> int: ...
    def revision(self) -> str: ...


def make_chroma_client(settings: Settings) -> ClientAPI:
    """The Chroma client the settings ask for: a server when RUMOUR_CHROMA_HOST is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain ValueError/ConnectError here
        where = (
            f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the Chroma store in {settings.chroma_dir}"
        )
        raise StoreError(f"Could not open {where}: {exc}") from exc


class ChromaStore:
    """Chunks in `<name>` (vectors from the embedder) and articles in `<name>-articles`."""

    def __init__(self, client: ClientAPI, embedder: Embedder, name: str = "rumours") -> None:
        self._client = client
        self.embedder = embedder
        self._batch = max(1, client.get_max_batch_size())
        self._chunks = self._open_chunks(name)
        # Chroma needs a vector per record; article records carry a constant 1-d one.
        self._articles = client.get_or_create_collection(
            f"{name}-articles", embedding_function=None
        )

    def _open_chunks(self, name: str) -> Any:
        existing = {c.name for c in self._client.list_collections()}
        if name in existing:
            collection = self._client.get_collection(name, embedding_function=None)
            meta = collection.metadata or {}
            built_with = meta.get("embedder")
            if built_with and built_with != self.embedder.name:
                raise EmbedderMismatchError(
                    f"The index '{name}' was built with the {built_with} embedder "
                    f"({meta.get('dimension', '?')} dimensions) but {self.embedder.name} is "
                    "configured. Switch RUMOUR_EMBEDDER/RUMOUR_EMBEDDING_MODEL back, or "
                    "re-ingest into a new RUMOUR_DATA_DIR or RUMOUR_COLLECTION."
                )
            return collection
        return self._client.create_collection(
            name,
            metadata={"embedder": self.embedder.name, "dimension": self.embedder.dimension},
            configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
            embedding_function=None,
        )

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

    def find_by_hash(self, content_hash: str) -> ArticleRecord | None:
        """The article already stored with this exact text, if any (syndicated copies)."""
        got = self._articles.get(where={"hash": content_hash}, limit=1, include=["metadatas"])
        if not got["ids"]:
            return None
        return record_from_meta(got["ids"][0], (got["metadatas"] or [{}])[0])

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
        )

    def list_articles(self) -> list[ArticleRecord]:
        """Every article record (no text), in no particular order."""
        records: list[ArticleRecord] = []
        for ids, metas, _ in self._pages(self._articles, include=["metadatas"]):
            records.extend(
                record_from_meta(i, m) for i, m in zip(ids, metas, strict=True) if i != _REVISION_ID
            )
        return records

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

    def chunk_ids(self, article_id: str) -> set[str]:
        """Ids of every stored chunk of an article."""
        got = self._chunks.get(where={"article_id": article_id}, include=[])
        return set(got["ids"])

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
        got = self._articles.get(ids=[_REVISION_ID], include=["metadatas"])
        if not got["ids"]:
            return "0"
        return str((got["metadatas"] or [{}])[0].get("token", "0"))

    def _bump(self) -> None:
        self._articles.upsert(
            ids=[_REVISION_ID],
            embeddings=placeholder_vectors(1),
            documents=[""],
            metadatas=[{"token": uuid.uuid4().hex, "hash": ""}],
        )

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
