"""The index as one object: its read side, its write side, and the embedder both were built with."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.core.settings import Settings
from ingest.index.embedders import Embedder, create_embedder
from ingest.index.reader import ChromaReader
from ingest.index.store import StoreReader, StoreWriter, make_chroma_client, open_collections
from ingest.index.writer import ChromaWriter

if TYPE_CHECKING:
    import openai
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)


@dataclass
class Index:
    """The stored articles: `reader` is all the bot gets; `writer` is for ingest only."""

    settings: Settings
    reader: StoreReader
    writer: StoreWriter
    embedder: Embedder


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
    return Index(settings, ChromaReader(collections), ChromaWriter(collections), embedder)
