"""Answering a question: the ledger's claims decide; retrieval finds the passages around them."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answering.answer import Answer, CitationNotes, with_notes
from bot.answering.extractive import ExtractiveComposer
from bot.answering.findings import ClaimFinder, Finding
from bot.answering.query import Query, parse_query
from bot.answering.retrieval import Hit, Mode, Retriever
from ingest.core.errors import RumourError
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
        finder: ClaimFinder,
        retriever: Retriever,
        *,
        top_k: int = 8,
        llm: LLMComposer | None = None,
        notes: CitationNotes | None = None,
    ) -> None:
        self.store = store
        self.finder = finder
        self.retriever = retriever
        self.top_k = top_k
        self.extractive = ExtractiveComposer()
        self.llm = llm  # set when RUMOUR_GENERATOR resolves to openai
        self.notes = notes  # the outlets' track records, shown beside each citation

    @property
    def uses_llm(self) -> bool:
        """Whether answers are written by the language model."""
        return self.llm is not None

    def search(self, query: str, k: int) -> list[Hit]:
        """The k best passages for a query."""
        return self.retriever.search(_clean(query), k)

    def ask(self, question: str, *, mode: Mode = "hybrid") -> Answer:
        """A grounded answer with citations and a verdict computed from the claim ledger.

        `mode` picks the retrieval the LLM's passages come from (dense-only and BM25-only are
        for evaluation); the verdict and the quotes come from the ledger either way.
        """
        question = _clean(question)
        finding = self.finder.find(question)
        if self.llm is not None:
            hits = self.retriever.search(self.query_for(finding), self.top_k, mode=mode)
            answer = self.llm.compose(question, finding, hits)
        else:
            answer = self.extractive.compose(question, finding)
        return replace(answer, citations=with_notes(answer.citations, self.notes))

    def rank_articles(self, question: str, k: int, *, mode: Mode = "hybrid") -> list[str]:
        """The articles that answer a question, best first: those whose claims decide it, then
        the other claims about the move, then what retrieval finds (only retrieval, in the
        dense-only and BM25-only evaluation modes)."""
        question = _clean(question)
        finding = self.finder.find(question)
        hits = self.retriever.search(self.query_for(finding), k, mode=mode)
        found = list(dict.fromkeys(c.article_id for h in hits for c in (h.chunk, *h.also)))
        if mode != "hybrid":
            return found
        claimed = [c.claim.article_id for c in finding.shown]
        claimed += [c.claim.article_id for c in sorted(finding.matched, key=lambda c: -c.ts)]
        claimed = list(dict.fromkeys(claimed))
        return fuse_rankings(found, claimed, claimed)  # the claims count twice

    def query_for(self, finding: Finding) -> Query:
        """The retrieval query: the question with its names spelt as the sources spell them."""
        return parse_query(self.finder.spelt_out(finding.question))


def fuse_rankings(*rankings: list[str]) -> list[str]:
    """Reciprocal rank fusion of article rankings."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, article_id in enumerate(ranking, start=1):
            scores[article_id] = scores.get(article_id, 0.0) + 1.0 / (_RRF_K + rank)
    return sorted(scores, key=lambda a: -scores[a])


_RRF_K = 60


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise RumourError("Ask a question: the text was empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise RumourError(
            f"That question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})."
        )
    return text
