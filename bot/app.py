"""Build every service once from Settings and hand them to the CLI or the Discord bot."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.alerts.service import AlertService
from bot.answering.ask import AskService
from bot.answering.findings import ClaimFinder
from bot.answering.generate import (
    ANSWER_PROMPTS,
    SUMMARY_PROMPTS,
    LLMComposer,
    LLMSummaryWriter,
)
from bot.answering.llm import ChatModel, OpenAIChat
from bot.answering.prompting import load_prompts
from bot.answering.retrieval import Retriever
from bot.answering.summary import SummaryService
from bot.channels.settings import ChannelSettings
from bot.feedback.store import FeedbackStore
from bot.records.saved import SavedUnits
from bot.records.service import TrackRecords
from bot.timeline.service import TimelineService
from ingest.claims.gazetteer import default_gazetteer
from ingest.core.clients import make_openai_client
from ingest.core.db import Database
from ingest.core.settings import Settings
from ingest.core.text.folding import STOPWORDS, stem
from ingest.fetching.fetch import Fetcher, FetchPolicy
from ingest.index.embedders import CachingEmbedder, Embedder
from ingest.index.lexical import LexicalIndex
from ingest.index.opening import open_index
from ingest.index.store import StoreReader
from ingest.ledger.reader import LedgerReader
from ingest.sources.registry import SourceRegistry
from ingest.sources.service import SourceService

if TYPE_CHECKING:
    import openai
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)

NAME_LIKE = 0.5  # capitalised mid-sentence at least this often: a name, not a word


@dataclass
class Services:
    """The app's long-lived objects, created at start-up and passed down."""

    settings: Settings
    reader: StoreReader  # the index's read side: all that retrieval and answering get
    lexical: LexicalIndex
    retriever: Retriever
    asker: AskService
    summarizer: SummaryService
    openai_client: openai.OpenAI | None
    sources: SourceService  # add, refresh, list and forget sources: the only way to write
    ledger: LedgerReader  # the transfer claims of every stored article
    db: Database  # the data dir's SQLite database
    feedback: FeedbackStore  # what the bot answered in Discord, and the votes on it
    channels: ChannelSettings  # per-channel settings chosen with /config
    records: TrackRecords  # how often each outlet and journalist turned out right
    timelines: TimelineService  # a person's claims over time, as chart data and a PNG
    alerts: AlertService  # /watch and its alerts, and the channels' digests
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
        lexical = index.lexical
        database = Database.in_dir(settings.data_dir)
        sources = SourceService(
            index,
            Fetcher(FetchPolicy.from_settings(settings)),
            SourceRegistry.in_dir(settings.data_dir),
            settings,
            database=database,
        )
        sources.sync_claims()  # another host sharing the Chroma server may have written
        ledger = LedgerReader(database)
        gazetteer = default_gazetteer()
        finder = ClaimFinder(ledger, gazetteer, prose_words(lexical), refresh=sources.sync_claims)
        records = TrackRecords(
            ledger,
            gazetteer,
            tiers_path=settings.outlet_tiers,
            strength=settings.record_prior_strength,
            saved=SavedUnits(database, gazetteer),
        )
        query_embedder = CachingEmbedder(index.embedder)  # questions and evidence sentences repeat
        # BM25 runs on a helper thread while the question is embedded and Chroma queried.
        helper = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bm25")
        retriever = Retriever(index.reader, query_embedder, lexical, helper=helper)
        chat: ChatModel | None = None
        llm: LLMComposer | None = None
        writer: LLMSummaryWriter | None = None
        if settings.generator_name == "openai" and openai_client is not None:
            chat = OpenAIChat.from_settings(openai_client, settings)
            # Each prompt set is read and checked once, here: a broken override stops start-up.
            budget = settings.context_tokens
            answer_prompts = load_prompts(settings, *ANSWER_PROMPTS)
            gaz = default_gazetteer()
            llm = LLMComposer(
                chat, answer_prompts, index.reader, gazetteer=gaz, context_tokens=budget
            )
            summary_prompts = load_prompts(settings, *SUMMARY_PROMPTS)
            writer = LLMSummaryWriter(chat, summary_prompts, gazetteer=gaz, context_tokens=budget)
        asker = AskService(
            index.reader, finder, retriever, top_k=settings.top_k, llm=llm, notes=records
        )
        summarizer = SummaryService(finder, writer=writer, notes=records)
        return cls(
            settings=settings,
            reader=index.reader,
            lexical=lexical,
            retriever=retriever,
            asker=asker,
            summarizer=summarizer,
            openai_client=openai_client,
            sources=sources,
            ledger=ledger,
            db=database,
            feedback=FeedbackStore(database, secret=settings.feedback_secret),
            channels=ChannelSettings(database),
            records=records,
            timelines=TimelineService(finder, notes=records),
            alerts=AlertService(
                database,
                finder,
                per_user=settings.watches_per_user,
                per_server=settings.watches_per_server,
                notes=records,
            ),
            chat=chat,
        )

    def close(self) -> None:
        """Release network clients and the retriever's helper threads."""
        if self.retriever.helper is not None:
            self.retriever.helper.shutdown(wait=False)
        self.sources.fetcher.close()
        if self.openai_client is not None:
            self.openai_client.close()


def prose_words(lexical: LexicalIndex) -> Callable[[str], bool]:
    """Whether a folded word is ordinary prose in the sources (rarely capitalised mid-sentence)."""

    def is_word(key: str) -> bool:
        if key in STOPWORDS:
            return True
        snapshot = lexical.snapshot()
        term = stem(key)
        likeness = snapshot.name_likeness(term)
        return (
            likeness is not None and likeness < NAME_LIKE and snapshot.document_frequency(term) > 1
        )

    return is_word
