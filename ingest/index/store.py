"""The index's two sides as Protocols: what the bot reads, and what ingest reads and writes.

Both sides are the same Chroma collections (ingest.index.reader and ingest.index.writer):
chunks with their vectors in `<name>`, and one record per article in `<name>-articles`.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError

from ingest.core.errors import EmbedderMismatchError, StoreError
from ingest.core.schema import Article, Chunk
from ingest.core.settings import Settings
from ingest.index.embedders import Embedder
from ingest.index.records import ArticleRecord

log = logging.getLogger(__name__)

REVISION_ID = "__revision__"  # the article record whose token changes on every write
OPENING_LOCK = "chroma.lock"  # beside the embedded store: held while a process opens it


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
    def records(self, ids: Sequence[str]) -> dict[str, ArticleRecord]: ...
    def incomplete_articles(self, ids: Sequence[str]) -> set[str]: ...
    def find_by_text_hash(self, text_hash: str) -> ArticleRecord | None: ...
    def chunk_ids(self, article_id: str) -> set[str]: ...
    def chunk_ids_of(self, article_ids: Sequence[str]) -> dict[str, set[str]]: ...
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
        return _embedded_client(settings.chroma_dir, chroma_settings)
    except Exception as exc:  # chromadb raises plain ValueError/ConnectError here
        where = (
            f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the Chroma store in {settings.chroma_dir}"
        )
        raise StoreError(f"Could not open {where}: {exc}") from exc


def _embedded_client(path: Path, chroma_settings: ChromaSettings) -> ClientAPI:
    """An embedded client; processes opening one store take turns (its first-run setup races)."""
    path.mkdir(parents=True, exist_ok=True)
    with (path.parent / OPENING_LOCK).open("a") as lock:  # local files: a host lock is enough
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


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
    articles = _get_or_create(client, f"{name}-articles")
    return Collections(chunks, articles, max(1, client.get_max_batch_size()))


def _open_chunks(client: ClientAPI, embedder: Embedder, name: str) -> Any:
    collection = _get_or_create(
        client,
        name,
        metadata={"embedder": embedder.name, "dimension": embedder.dimension},
        configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
    )
    meta = collection.metadata or {}  # an existing collection keeps the metadata it was made with
    built_with = meta.get("embedder")
    if built_with and built_with != embedder.name:
        raise EmbedderMismatchError(
            f"The index '{name}' was built with the {built_with} embedder "
            f"({meta.get('dimension', '?')} dimensions) but {embedder.name} is "
            "configured. Switch RUMOUR_EMBEDDER/RUMOUR_EMBEDDING_MODEL back, or "
            "re-ingest into a new RUMOUR_DATA_DIR or RUMOUR_COLLECTION."
        )
    return collection


def _get_or_create(client: ClientAPI, name: str, **create: Any) -> Any:
    """The collection `name`, created when missing; once more if another process just made it."""
    try:
        return client.get_or_create_collection(name, embedding_function=None, **create)
    except ChromaError as exc:
        log.info("collection %s was created by another process at the same time (%s)", name, exc)
        return client.get_or_create_collection(name, embedding_function=None, **create)
