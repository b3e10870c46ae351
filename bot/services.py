"""Build every service once from Settings and hand them to the CLI or the Discord bot."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.ask import AskService
from bot.generate import LLMComposer
from bot.llm import ChatModel, OpenAIChat
from bot.retrieval import Retriever
from bot.summary import SummaryService
from ingest.clients import make_openai_client
from ingest.embedders import Embedder
from ingest.index import Index, open_index
from ingest.lexical import LexicalIndex
from ingest.settings import Settings

if TYPE_CHECKING:
    import openai
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The app's long-lived objects, created at start-up and passed down."""

    settings: Settings
    index: Index
    lexical: LexicalIndex
    retriever: Retriever
    asker: AskService
    summarizer: SummaryService
    openai_client: openai.OpenAI | None
    chat: ChatModel | None = None  # the LLM when RUMOUR_GENERATOR resolves to openai

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        openai_client: openai.OpenAI | None = None,
        chroma_client: ClientAPI | None = None,
        embedder: Embedder | None = None,
    ) -> Services:
        """Open the index and wire retrieval and answering on top of it."""
        openai_client = openai_client or make_openai_client(settings)
        index = open_index(
            settings, openai_client=openai_client, chroma_client=chroma_client, embedder=embedder
        )
        lexical = LexicalIndex(index.store)
        retriever = Retriever(index.store, index.embedder, lexical)
        chat: ChatModel | None = None
        if settings.generator_name == "openai" and openai_client is not None:
            chat = OpenAIChat.from_settings(openai_client, settings)
        llm = LLMComposer(chat, settings) if chat is not None else None
        asker = AskService(index.store, lexical, retriever, top_k=settings.top_k, llm=llm)
        summarizer = SummaryService(index.store, lexical, retriever, index.embedder)
        return cls(
            settings=settings,
            index=index,
            lexical=lexical,
            retriever=retriever,
            asker=asker,
            summarizer=summarizer,
            openai_client=openai_client,
            chat=chat,
        )

    def close(self) -> None:
        """Release network clients."""
        if self.openai_client is not None:
            self.openai_client.close()
