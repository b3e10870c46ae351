"""The index as one object: store, embedder and the ingestor that writes to it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ingest.core.settings import Settings
from ingest.core.text.tokens import count_tokens
from ingest.index.embedders import Embedder, create_embedder
from ingest.index.store import ChromaStore, Store, make_chroma_client
from ingest.pipeline.ingestor import Ingestor

if TYPE_CHECKING:
    import openai
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)


@dataclass
class Index:
    """Everything that reads or writes the stored articles."""

    settings: Settings
    store: Store
    embedder: Embedder
    ingestor: Ingestor


def open_index(
    settings: Settings,
    *,
    openai_client: openai.OpenAI | None = None,
    chroma_client: ClientAPI | None = None,
    embedder: Embedder | None = None,
) -> Index:
    """Open (or create) the index the settings describe, reusing any clients passed in."""
    config = settings.chunking
    embedder = embedder or create_embedder(settings, openai_client)
    chroma_client = chroma_client or make_chroma_client(settings)
    store = ChromaStore(chroma_client, embedder, settings.collection)
    counter = partial(count_tokens, model=settings.chat_model)
    return Index(settings, store, embedder, Ingestor(store, embedder, counter, config))
