"""Answering a question: retrieve, gather evidence, compose (extractive or LLM)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.answering.answer import Answer
from bot.answering.evidence import gather_evidence
from bot.answering.extractive import ExtractiveComposer
from bot.answering.query import parse_query
from bot.answering.retrieval import Hit, Mode, Retriever
from ingest.core.errors import RumourError
from ingest.index.lexical import LexicalIndex
from ingest.index.store import StoreReader

if TYPE_CHECKING:
    from bot.answering.generate import LLMComposer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500


class AskService:
    """The question-answering engine shared by the CLI and the Discord bot."""

    def __init__(
        self,
        store: StoreReader,
        lexical: LexicalIndex,
        retriever: Retriever,
        *,
        top_k: int = 8,
        llm: LLMComposer | None = None,
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.retriever = retriever
        self.top_k = top_k
        self.extractive = ExtractiveComposer()
        self.llm = llm  # set when RUMOUR_GENERATOR resolves to openai

    @property
    def uses_llm(self) -> bool:
        """Whether answers are written by the language model."""
        return self.llm is not None

    def search(self, query: str, k: int) -> list[Hit]:
        """The k best passages for a query."""
        return self.retriever.search(_clean(query), k)

    def ask(self, question: str, *, mode: Mode = "hybrid") -> Answer:
        """A grounded answer with citations and a verdict computed from the evidence.

        `mode` picks the retrieval (dense-only and BM25-only are for evaluation).
        """
        question = _clean(question)
        query = parse_query(question)
        hits = self.retriever.search(query, self.top_k, mode=mode)
        evidence = gather_evidence(query, hits, self.store, self.lexical, self.retriever.embedder)
        if self.llm is not None:
            return self.llm.compose(question, evidence, hits, searched=len(hits))
        return self.extractive.compose(question, evidence, searched=len(hits))


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise RumourError("Ask a question: the text was empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise RumourError(
            f"That question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})."
        )
    return text
