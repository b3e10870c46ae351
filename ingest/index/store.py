"""The index's two sides as Protocols: what the bot reads, and what ingest reads and writes.

Both sides are the same Chroma collections (ingest.index.reader and ingest.index.writer):
chunks with their vectors in `<name>`, and one record per article in `<name>-articles`.
"""

from __future__ import annotations

import logging
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
from ingest.index.records import ArticleRecord

log = logging.getLogger(__name__)

REVISION_ID = "__revision__"  # the article record whose token changes on every write


@dataclass(frozen=True)
class ScoredChunk:
    """A retrieved chunk and its cosine similarity to the query."""

    chunk: Chunk
    score: float


class StoreReader(Protocol):
    """The read side, all the bot gets: articles, nearest chunks, every chunk, the revision."""

    def get_article(self, article_id: str) -> Article | None: ...
    def list_articles(self) -> list[ArticleRecord]: ...
    def query(self, vector: Sequence[float], k: int) -> list[ScoredChunk]: ...
    def all_chunks(self) -> list[Chunk]: ...
    def count_chunks(self) -> int: ...
    def revision(self) -> str: ...


class StoreWriter(StoreReader, Protocol):
    """The write side, for ingest only: what is stored already, and the writes that change it."""

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]: ...
    def article_fingerprints(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]: ...
    def find_by_text_hash(self, text_hash: str) -> ArticleRecord | None: ...
    def chunk_ids(self, article_id: str) -> set[str]: ...
    def put_chunks(
        self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]
    ) -> None: ...
    def update_chunks(self, chunks: Sequence[Chunk]) -> None: ...
    def delete_chunks(self, ids: Iterable[str]) -> None: ...
    def put_article(self, article: Article, chunks: int) -> None: ...
    def put_articles(self, items: Sequence[tuple[Article, int]]) -> None: ...
    def delete_article(self, article_id: str) -> int: ...


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


@dataclass(frozen=True)
class Collections:
    """The two Chroma collections of an index, opened once and shared by both sides."""

    chunks: Any
    articles: Any
    batch: int  # the most records Chroma takes in one call


def open_collections(client: ClientAPI, embedder: Embedder, name: str = "rumours") -> Collections:
    """Open (or create) an index's collections; refuse one built with another embedder."""
    chunks = _open_chunks(client, embedder, name)
    # Chroma needs a vector per record; article records carry a constant 1-d one.
    articles = client.get_or_create_collection(f"{name}-articles", embedding_function=None)
    return Collections(chunks, articles, max(1, client.get_max_batch_size()))


def _open_chunks(client: ClientAPI, embedder: Embedder, name: str) -> Any:
    existing = {c.name for c in client.list_collections()}
    if name in existing:
        collection = client.get_collection(name, embedding_function=None)
        meta = collection.metadata or {}
        built_with = meta.get("embedder")
        if built_with and built_with != embedder.name:
            raise EmbedderMismatchError(
                f"The index '{name}' was built with the {built_with} embedder "
                f"({meta.get('dimension', '?')} dimensions) but {embedder.name} is "
                "configured. Switch RUMOUR_EMBEDDER/RUMOUR_EMBEDDING_MODEL back, or "
                "re-ingest into a new RUMOUR_DATA_DIR or RUMOUR_COLLECTION."
            )
        return collection
    return client.create_collection(
        name,
        metadata={"embedder": embedder.name, "dimension": embedder.dimension},
        configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
        embedding_function=None,
    )
