"""Evidence: sentences of retrieved articles that are about the question, with their certainty."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import numpy as np

from bot.answering.certainty import Certainty, classify
from bot.answering.query import Query, subject_weights
from bot.answering.retrieval import Hit
from ingest.core.schema import Article
from ingest.core.text.folding import tokenize
from ingest.core.text.sentences import sentence_spans
from ingest.index.embedders import Embedder
from ingest.index.lexical import LexicalIndex
from ingest.index.store import StoreReader

# A gossip item's closing "(outlet)" names who made the claim.
_CITED_OUTLET = re.compile(
    r"\((?:https?://)?((?:www\.)?[\w-]+(?:\.[\w-]+)+|[A-Z][\w .&'-]{1,40})\)\s*$"
)
_MIN_COVERAGE = 0.7
_PARAGRAPH_COVERAGE = 0.9
_CONFIRMS = 0.9
_DENIES = 0.5
_SEMANTIC_CANDIDATES = 16
_SEMANTIC_WEIGHT = 1.5


@dataclass(frozen=True)
class Evidence:
    """One candidate sentence: where it is, how relevant it is, and how certain it sounds."""

    article: Article
    start: int
    end: int
    relevance: float
    coverage: float
    certainty: Certainty
    cited_outlet: str
    hit_rank: int
    sentence_coverage: float = 1.0  # the share of subjects the sentence itself names

    @property
    def decisive(self) -> Certainty:
        """The label this sentence may give an answer's verdict.

        A confirmation decides only when the sentence itself names every subject ("Kroos joined
        Real Madrid in 2014" does not confirm he is joining Klopp's staff); a denial when it names
        at least half of them by weight ("I'm staying," said Jol). Otherwise it counts as a report.
        """
        if self.certainty is Certainty.CONFIRMED and self.sentence_coverage < _CONFIRMS:
            return Certainty.REPORTED
        if self.certainty is Certainty.DENIED and self.sentence_coverage < _DENIES:
            return Certainty.REPORTED
        return self.certainty

    @property
    def text(self) -> str:
        """The sentence, verbatim from the article."""
        return self.article.text[self.start : self.end]


def gather_evidence(
    query: Query,
    hits: list[Hit],
    store: StoreReader,
    lexical: LexicalIndex,
    embedder: Embedder | None = None,
    *,
    include_copies: bool = False,
) -> list[Evidence]:
    """Relevant sentences from the hits' articles, most relevant first.

    With `include_copies`, syndicated copies collapsed by retrieval count as evidence too.
    """
    weights = subject_weights(query, lexical.snapshot())
    if not weights or max(weights) == 0:
        return []
    articles: dict[str, Article] = {}
    found: dict[tuple[str, int], Evidence] = {}
    chunks = [
        (rank, chunk)
        for rank, hit in enumerate(hits)
        for chunk in ((hit.chunk, *hit.also) if include_copies else (hit.chunk,))
    ]
    for rank, chunk in chunks:
        article_id = chunk.article_id
        if article_id not in articles:
            article = store.get_article(article_id)
            if article is None:  # a chunk whose article was removed meanwhile
                continue
            articles[article_id] = article
        article = articles[article_id]
        if article.text[chunk.start : chunk.end] != chunk.text:
            continue  # the article is being rewritten: its record and chunks disagree for now
        title_tokens = set(tokenize(article.title))
        for start, end in sentence_spans(chunk.text):
            begin = chunk.start + start
            key = (article_id, begin)
            if key in found:
                continue
            evidence = _score(query, weights, article, begin, chunk.start + end, title_tokens, rank)
            if evidence is not None:
                found[key] = evidence
    ranked = sorted(found.values(), key=lambda e: e.relevance, reverse=True)
    return _rerank_semantically(query, ranked, embedder) if embedder else ranked


def _rerank_semantically(
    query: Query, ranked: list[Evidence], embedder: Embedder
) -> list[Evidence]:
    """Break ties between sentences naming the same subjects by meaning ("staff" ~ "assistant")."""
    head = ranked[:_SEMANTIC_CANDIDATES]
    if len(head) < 2:
        return ranked
    vectors = np.asarray(embedder.embed([query.text, *(e.text for e in head)]), dtype=np.float32)
    similarity = vectors[1:] @ vectors[0]
    rescored = [
        replace(e, relevance=e.relevance + _SEMANTIC_WEIGHT * float(sim))
        for e, sim in zip(head, similarity, strict=True)
    ]
    return sorted(rescored, key=lambda e: e.relevance, reverse=True) + ranked[_SEMANTIC_CANDIDATES:]


def _score(
    query: Query,
    weights: list[float],
    article: Article,
    start: int,
    end: int,
    title_tokens: set[str],
    rank: int,
) -> Evidence | None:
    sentence = article.text[start:end]
    sentence_tokens = set(tokenize(sentence))
    sentence_coverage = query.coverage(weights, sentence_tokens)
    certainty = classify(sentence).label
    if not sentence_coverage and certainty is Certainty.NEUTRAL:
        return None  # neither about the subjects nor a claim
    paragraph_tokens = sentence_tokens | set(tokenize(_paragraph(article.text, start, end)))
    if not sentence_coverage and query.coverage(weights, paragraph_tokens) < _PARAGRAPH_COVERAGE:
        return None  # "I'm happy here" counts only inside a paragraph about the subjects
    coverage = query.coverage(weights, paragraph_tokens | title_tokens)
    if coverage < _MIN_COVERAGE:
        return None
    intent = sum(1 for t in query.intent_terms if t in sentence_tokens) / max(
        1, len(query.intent_terms)
    )
    relevance = (
        2.0 * coverage
        + sentence_coverage
        + 0.4 * intent
        + (0.3 if certainty is not Certainty.NEUTRAL else 0.0)
        + 0.5 / (1 + rank)
    )
    outlet = outlet_for(article, start, end)
    return Evidence(
        article, start, end, relevance, coverage, certainty, outlet, rank, sentence_coverage
    )


def _paragraph(text: str, start: int, end: int) -> str:
    para_start = text.rfind("\n\n", 0, start)
    para_end = text.find("\n\n", end)
    return text[para_start + 2 if para_start >= 0 else 0 : para_end if para_end >= 0 else len(text)]


def outlet_name(article: Article) -> str:
    """The article's outlet; else the web site it came from; else '' (nothing is known)."""
    if article.source:
        return article.source
    url = urlsplit(article.url)
    if url.scheme in ("http", "https") and url.hostname:
        return url.hostname.removeprefix("www.")
    return ""


def outlet_for(article: Article, start: int, end: int) -> str:
    """The outlet a gossip item credits in brackets at the end of the sentence's paragraph."""
    match = _CITED_OUTLET.search(_paragraph(article.text, start, end).strip())
    return match.group(1) if match else ""


def attribution(item: Evidence) -> str:
    """Who says it, and when: 'BBC Sport (gossip column), 2021-05-17, citing www.marca.com'.

    '' when the article names no outlet, no site and no date.
    """
    parts = [p for p in (outlet_name(item.article), item.article.published[:10]) if p]
    if item.cited_outlet:
        parts.append(f"citing {item.cited_outlet}")
    return ", ".join(parts)


def quoted(who: str, text: str) -> str:
    """'Kicker, 2026-01-30: "…"', or just '"…"' when nobody is named."""
    return f'{who}: "{text}"' if who else f'"{text}"'
