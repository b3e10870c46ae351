"""Round-ups: the distinct rumours about a topic (or the newest), newest first, with citations."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.answering.answer import Citation, Verdict
from bot.answering.certainty import Certainty, classify
from bot.answering.evidence import Evidence, attribution, gather_evidence, outlet_for, quoted
from bot.answering.generate import LLMSummaryWriter
from bot.answering.prompting import Passage
from bot.answering.query import parse_query, topic_terms
from bot.answering.retrieval import Retriever
from bot.answering.verdict import LABEL_TO_VERDICT
from ingest.core.schema import Article, published_timestamp
from ingest.core.text.folding import tokenize
from ingest.core.text.sentences import sentence_spans
from ingest.index.embedders import Embedder
from ingest.index.lexical import LexicalIndex
from ingest.index.store import StoreReader

log = logging.getLogger(__name__)

UNAVAILABLE_SUMMARY_NOTE = (
    "The language model was unavailable, so this round-up quotes the sources directly."
)
_SAME_RUMOUR = 0.45  # token overlap above which two sentences tell the same rumour
_RECENT_ARTICLES = 12
_PER_ARTICLE = 2


@dataclass(frozen=True)
class SummaryItem:
    """One distinct rumour: a verbatim sentence, its certainty and every outlet that carried it."""

    text: str
    certainty: Verdict
    citations: tuple[int, ...]
    published: str
    attribution: str
    quoted_outlet: str = ""  # a gossip item's: the outlet it cites, and that outlet's link
    quoted_url: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one round-up line."""
        return {
            "text": self.text,
            "certainty": str(self.certainty),
            "citations": list(self.citations),
            "published": self.published,
            "attribution": self.attribution,
        }


@dataclass(frozen=True)
class Summary:
    """A round-up of rumours with numbered citations."""

    topic: str | None
    days: int | None
    items: list[SummaryItem]
    citations: list[Citation]
    generator: str = "extractive"
    text: str = ""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `rumour summary --json`."""
        return {
            "topic": self.topic,
            "days": self.days,
            "summary": self.text if not self.note else f"{self.text}\n\n{self.note}",
            "items": [item.to_json() for item in self.items],
            "citations": [c.to_json() for c in self.citations],
            "generator": self.generator,
        }


@dataclass
class _Group:
    lead: Evidence
    tokens: set[str]
    members: list[Evidence] = field(default_factory=list)


class SummaryService:
    """Builds round-ups from the index; extractive, so every line is a quoted sentence."""

    def __init__(
        self,
        store: StoreReader,
        lexical: LexicalIndex,
        retriever: Retriever,
        embedder: Embedder | None = None,
        *,
        max_items: int = 8,
        writer: LLMSummaryWriter | None = None,
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.retriever = retriever
        self.embedder = embedder
        self.max_items = max_items
        self.writer = writer  # writes the round-up from the extractive lines when configured

    @property
    def uses_llm(self) -> bool:
        """Whether round-ups are written by the language model."""
        return self.writer is not None

    def summarize(
        self, topic: str | None = None, days: int | None = None, now: datetime | None = None
    ) -> Summary:
        """The distinct rumours about `topic` (or the newest ones), within `days` if given."""
        topic = " ".join(topic.split()) if topic else None
        cutoff = _cutoff(days, now)
        evidence = self._about(topic) if topic else self._newest()
        fresh = [e for e in evidence if _within(e.article, cutoff)]
        groups = _group(fresh)[: self.max_items]
        groups.sort(key=lambda g: published_timestamp(g.lead.article.published), reverse=True)
        items, citations = _number(groups)
        extractive = Summary(topic, days, items, citations, text=render_items(items, topic, days))
        if self.writer is None or not items:
            return extractive
        passages = [Passage.from_citation(c) for c in citations]
        written = self.writer.write(topic or "", items, passages)
        if written is None:
            return replace(extractive, note=UNAVAILABLE_SUMMARY_NOTE)
        return replace(extractive, text=written, generator="openai")

    def _about(self, topic: str) -> list[Evidence]:
        query = parse_query(topic)
        hits = self.retriever.search(query, 30, recent=True)
        evidence = gather_evidence(
            query, hits, self.store, self.lexical, self.embedder, include_copies=True
        )
        about = topic_terms(query)
        if about:  # "Real Madrid manager" is about the manager, not every Real Madrid rumour
            evidence = [e for e in evidence if about & set(tokenize(e.text))]
        rumours = [e for e in evidence if e.certainty is not Certainty.NEUTRAL]
        return rumours or evidence

    def _newest(self) -> list[Evidence]:
        records = sorted(
            (r for r in self.store.list_articles() if r.published),
            key=lambda r: published_timestamp(r.published),
            reverse=True,
        )[:_RECENT_ARTICLES]
        evidence: list[Evidence] = []
        for rank, record in enumerate(records):
            article = self.store.get_article(record.id)
            if article is not None:
                evidence.extend(_rumour_sentences(article, rank))
        return evidence


def _rumour_sentences(article: Article, rank: int) -> Iterable[Evidence]:
    """The first sentences of an article that carry a certainty cue."""
    found = 0
    for start, end in sentence_spans(article.text):
        label = classify(article.text[start:end]).label
        if label is Certainty.NEUTRAL or end - start < 30:
            continue
        yield Evidence(
            article, start, end, 1.0 / (1 + rank), 1.0, label, outlet_for(article, start, end), rank
        )
        found += 1
        if found == _PER_ARTICLE:
            return


def _group(evidence: list[Evidence]) -> list[_Group]:
    """Merge sentences that tell the same rumour (syndicated or cross-outlet copies)."""
    groups: list[_Group] = []
    for item in evidence:
        tokens = set(tokenize(item.text))
        for group in groups:
            overlap = len(tokens & group.tokens) / max(1, len(tokens | group.tokens))
            lead = group.lead
            same_sentence = (item.article.id, item.start) == (lead.article.id, lead.start)
            same_claim = overlap >= _SAME_RUMOUR and item.certainty is lead.certainty
            if same_claim or same_sentence:  # "are interested" and "are not interested" differ
                group.members.append(item)
                break
        else:
            groups.append(_Group(item, tokens, [item]))
    return groups


def _number(groups: list[_Group]) -> tuple[list[SummaryItem], list[Citation]]:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    items: list[SummaryItem] = []
    for group in groups:
        cited: list[int] = []
        for member in group.members:
            article = member.article
            if article.id not in numbers:
                numbers[article.id] = len(numbers) + 1
                citations.append(Citation.of(numbers[article.id], article, member.text))
            if numbers[article.id] not in cited:
                cited.append(numbers[article.id])
        lead = group.lead
        quoted = lead.article.item_at(lead.start)
        items.append(
            SummaryItem(
                lead.text,
                LABEL_TO_VERDICT[lead.decisive],
                tuple(cited),
                lead.article.published,
                attribution(lead),
                quoted.outlet if quoted else "",
                quoted.url if quoted else "",
            )
        )
    return items, citations


def render_items(items: list[SummaryItem], topic: str | None, days: int | None) -> str:
    """The round-up as text: one line per rumour with its certainty and citations."""
    scope = f" about {topic}" if topic else ""
    window = f" in the last {days} days" if days else ""
    if not items:
        return f"Nothing in the sources{scope}{window}."
    lines = []
    for item in items:
        marks = "".join(f"[{n}]" for n in item.citations)
        lines.append(
            f"- **{item.certainty.capitalize()}** · {quoted(item.attribution, item.text)} {marks}"
        )
    return "\n".join(lines)


def _cutoff(days: int | None, now: datetime | None) -> int | None:
    if not days:
        return None
    return int(((now or datetime.now(UTC)) - timedelta(days=days)).timestamp())


def _within(article: Article, cutoff: int | None) -> bool:
    return cutoff is None or published_timestamp(article.published) >= cutoff
