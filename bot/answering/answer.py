"""What an answer is: text with [n] markers, a verdict, and numbered citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from ingest.core.schema import Article


class Verdict(StrEnum):
    """How solid the answer is, computed from the evidence."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    DENIED = "denied"
    UNKNOWN = "unknown"


VERDICT_LINES = {
    Verdict.CONFIRMED: "Confirmed: a source states it without hedging.",
    Verdict.REPORTED: "Reported: the sources report or claim it; nothing confirms it.",
    Verdict.DENIED: "Denied: the relevant sources deny or rule it out.",
    Verdict.UNKNOWN: "Nothing in the sources: none of the ingested articles covers this.",
}


CONFLICT_PREFIX = "The sources disagree:"


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer, with a verbatim quote from its article."""

    n: int
    article_id: str
    title: str
    source: str
    url: str
    published: str
    quote: str
    # For a quote from a gossip column's item: the outlet the item cites, and its link.
    quoted_outlet: str = ""
    quoted_url: str = ""
    # The cited outlet's (and any named journalist's) track record, shown beside it.
    record: str = ""

    @classmethod
    def of(cls, n: int, article: Article, quote: str) -> Citation:
        """Citation number `n` for an article, with a verbatim quote from it."""
        at = article.text.find(quote) if quote else -1
        item = article.item_at(at) if at >= 0 else None
        return cls(
            n,
            article.id,
            article.title,
            article.source,
            article.url,
            article.published,
            quote,
            item.outlet if item else "",
            item.url if item else "",
        )

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of a citation."""
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "quote": self.quote,
        }


class CitationNotes(Protocol):
    """Says how often a citation's outlet (or journalist) turned out right."""

    def note(self, citation: Citation) -> str:
        """'Sky Sports: right on 31 of 40 resolved moves (est. 76%)', or ''."""
        ...


def with_notes(citations: Sequence[Citation], notes: CitationNotes | None) -> list[Citation]:
    """The citations with their outlets' track records beside them."""
    if notes is None:
        return list(citations)
    return [replace(c, record=notes.note(c)) for c in citations]


@dataclass(frozen=True)
class Answer:
    """A grounded answer; `text` cites `citations` as [n]."""

    question: str
    text: str
    verdict: Verdict
    citations: list[Citation] = field(default_factory=list)
    generator: str = "extractive"
    note: str = ""
    conflict: bool = False

    @property
    def claims(self) -> str:
        """The text without the verdict headline and conflict notice the app itself adds."""
        return "\n".join(
            line
            for line in self.text.splitlines()
            if not line.startswith("**") and not line.startswith(CONFLICT_PREFIX)
        )

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `rumour ask --json`."""
        answer = self.text if not self.note else f"{self.text}\n\n{self.note}"
        return {
            "question": self.question,
            "answer": answer,
            "verdict": str(self.verdict),
            "citations": [c.to_json() for c in self.citations],
            "generator": self.generator,
        }
