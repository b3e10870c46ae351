"""The index as one object: its read side, its write side, its lexical index, and the embedder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.core.settings import Settings
from ingest.index.embedders import Embedder, create_embedder
from ingest.index.lexical import LexicalIndex
from ingest.index.reader import ChromaReader
from ingest.index.store import (
    ChangeHint,
    StoreReader,
    StoreWriter,
    make_chroma_client,
    open_collections,
)
from ingest.index.writer import ChromaWriter

if TYPE_CHECKING:
    import openai
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)


@dataclass
class Index:
    """The stored articles: `reader` and `lexical` are all the bot gets; `writer` is for ingest."""

    settings: Settings
    reader: StoreReader
    writer: StoreWriter
    embedder: Embedder
    lexical: LexicalIndex  # BM25 over the chunks, saved in the data dir and kept by every write


def open_index(
    settings: Settings,
    *,
    openai_client: openai.OpenAI | None = None,
    chroma_client: ClientAPI | None = None,
    embedder: Embedder | None = None,
) -> Index:
    """Open (or create) the index the settings describe, reusing any clients passed in."""
    embedder = embedder or create_embedder(settings, openai_client)
    chroma_client = chroma_client or make_chroma_client(settings)
    collections = open_collections(chroma_client, embedder, settings.collection)
    reader = ChromaReader(collections)
    lexical = LexicalIndex(reader, settings.lexical_dir, ChangeHint.for_settings(settings))
    return Index(settings, reader, ChromaWriter(collections, lexical), embedder, lexical)
