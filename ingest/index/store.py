"""The index's two sides as Protocols: what the bot reads, and what ingest reads and writes.

Both sides are the same Chroma collections (ingest.index.reader and ingest.index.writer):
chunks with their vectors in `<name>`, and one record per article in `<name>-articles`.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import chromadb
import numpy as np
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
_CHROMA_FILE = "chroma.sqlite3"  # the embedded store's database, rewritten by every write


class StoreReader(Protocol):
    """The read side, all the bot gets: articles, nearest chunks, chunks by id, the revision."""

    def get_article(self, article_id: str) -> Article | None: ...
    def get_articles(self, ids: Sequence[str]) -> dict[str, Article]: ...
    def list_articles(self) -> list[ArticleRecord]: ...
    def nearest(self, vector: Sequence[float] | np.ndarray, k: int) -> list[tuple[str, float]]: ...
    def get_chunks(self, ids: Sequence[str]) -> dict[str, Chunk]: ...
    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]: ...
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
    def updating(self) -> AbstractContextManager[None]: ...


class ChangeHint:
    """A cheap, per-search test of whether the store may have been written since the last one.

    It says yes when the embedded store's database file changed, and in any case once every
    `interval` seconds (the only signal from a Chroma server that other hosts write to). A yes
    costs one revision read; a no costs a stat.
    """

    def __init__(self, interval: float, path: Path | None = None) -> None:
        self._interval = interval
        self._path = path
        self._lock = threading.Lock()
        self._next = 0.0
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> tuple[int, int] | None:
        if self._path is None:
            return None
        try:
            st = self._path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def changed(self) -> bool:
        """Whether the store may have changed since the last call that said so."""
        now = time.monotonic()
        stamp = self._file_stamp()
        with self._lock:
            if now < self._next and stamp == self._stamp:
                return False
            self._next, self._stamp = now + self._interval, stamp
            return True

    @classmethod
    def for_settings(cls, settings: Settings) -> ChangeHint:
        """The embedded store's file plus the interval, or the interval alone for a server."""
        path = None if settings.chroma_host else settings.chroma_dir / _CHROMA_FILE
        return cls(settings.revision_check_seconds, path)


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
