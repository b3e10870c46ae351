"""Round-ups from the claim ledger: each move about a topic once, at its latest stage."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.answering.answer import Citation, CitationNotes, Verdict, with_notes
from bot.answering.extractive import attribution, number, quoted
from bot.answering.findings import ClaimFinder
from bot.answering.generate import LLMSummaryWriter
from bot.answering.moves import Move, group_moves
from bot.answering.moves import lead as lead_of
from bot.answering.prompting import Passage
from bot.answering.questions import FAN_ROLES, Ask, Question
from bot.answering.verdict import judge, matches
from ingest.claims.model import About
from ingest.core.text.folding import fold
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)

_RECENT_ARTICLES = 12
_CARRIERS = 3  # outlets cited for one move


@dataclass(frozen=True)
class SummaryItem:
    """One move: its latest claim quoted verbatim, the verdict its claims give, who carried it."""

    text: str
    certainty: Verdict
    citations: tuple[int, ...]
    published: str
    attribution: str
    person: str = ""
    move: str = ""  # "to Arsenal", "leaving Chelsea", "staying at Everton", "manager"
    stage: str = ""  # the latest claim's stage
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
            "person": self.person,
            "move": self.move,
            "stage": self.stage,
        }


@dataclass(frozen=True)
class Summary:
    """A round-up of moves with numbered citations."""

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


class SummaryService:
    """Builds round-ups from the ledger; extractive, so every line is a quoted sentence."""

    def __init__(
        self,
        finder: ClaimFinder,
        *,
        max_items: int = 8,
        writer: LLMSummaryWriter | None = None,
        notes: CitationNotes | None = None,
    ) -> None:
        self.finder = finder
        self.max_items = max_items
        self.writer = writer  # writes the round-up from the extractive lines when configured
        self.notes = notes  # the outlets' track records, shown beside each citation

    @property
    def uses_llm(self) -> bool:
        """Whether round-ups are written by the language model."""
        return self.writer is not None

    def summarize(
        self, topic: str | None = None, days: int | None = None, now: datetime | None = None
    ) -> Summary:
        """The moves about `topic` (or the newest ones), within `days` if given."""
        topic = " ".join(topic.split()) if topic else None
        claims = self._about(topic) if topic else self._newest()
        cutoff = _cutoff(days, now)
        fresh = [c for c in claims if cutoff is None or c.ts >= cutoff]
        moves = sorted(group_moves(fresh), key=lambda m: m.newest, reverse=True)[: self.max_items]
        items, citations = _items(moves)
        citations = with_notes(citations, self.notes)
        extractive = Summary(topic, days, items, citations, text=render_items(items, topic, days))
        if self.writer is None or not items:
            return extractive
        passages = [Passage.from_citation(c) for c in citations]
        written = self.writer.write(topic or "", items, passages)
        if not written.text:
            return replace(extractive, note=written.note)
        return replace(extractive, text=written.text, generator="openai")

    def _about(self, topic: str) -> list[StoredClaim]:
        question = self.finder.parse(topic)
        keys = [k for p in question.people for k in p.keys]
        pool = self.finder.ledger.claims_about(keys) if keys else self.finder.ledger.all_claims()
        wide = replace(question, ask=Ask.LATEST, to_club="", from_club="")
        found = []
        for stored in pool:
            claim = stored.claim
            if claim.about == About.HOLDS:
                continue  # a job title is no rumour
            if keys and not matches(wide, claim, tuple(keys)):
                continue
            named = {*claim.clubs, *claim.context, claim.to_club, claim.from_club}
            if question.clubs and not set(question.clubs) & named:
                continue
            if (
                question.role
                and claim.role != question.role
                and not self._names_job(question.role, stored)
            ):
                continue
            if not (keys or question.clubs or question.role) and not _mentions(question, stored):
                continue
            found.append(stored)
        return found

    def _names_job(self, role: str, stored: StoredClaim) -> bool:
        """Whether a claim's sentence or headline speaks of the job ("boss", "dugout", "job")."""
        text = fold(f"{stored.claim.text} {stored.article.title}")
        gaz = self.finder.gazetteer
        words = {" ".join(key) for key, e in gaz.table.items() if e.canonical == role}
        words |= {w for w, r in FAN_ROLES.items() if r == role} | {"dugout"}
        return any(f" {w} " in f" {text} " or f" {w}'s " in f" {text} " for w in words)

    def _newest(self) -> list[StoredClaim]:
        """The claims of the newest articles; undated articles, most claims first, fill up."""
        claims = [c for c in self.finder.ledger.all_claims() if c.claim.about != About.HOLDS]
        count: dict[str, int] = {}
        for c in claims:
            count[c.claim.article_id] = count.get(c.claim.article_id, 0) + 1
        dated = {c.claim.article_id: c.ts for c in claims}
        recent = sorted(dated, key=lambda a: (-dated[a], -count[a], a))
        keep = set(recent[:_RECENT_ARTICLES])
        return [c for c in claims if c.claim.article_id in keep]


def _mentions(question: Question, stored: StoredClaim) -> bool:
    """A topic with no names: the claims whose sentence uses its words."""
    sentence = fold(stored.claim.text)
    return bool(question.terms) and all(term[:5] in sentence for term in question.terms)


def _items(moves: list[Move]) -> tuple[list[SummaryItem], list[Citation]]:
    judged = [judge(m.question, m.claims) for m in moves]
    leads = [lead_of(m, j) for m, j in zip(moves, judged, strict=True)]
    # Every outlet that carried a move's latest word is cited beside it.
    carried = [
        [lead, *(c for c in m.claims if c.claim.stage is lead.claim.stage and c is not lead)]
        for m, lead in zip(moves, leads, strict=True)
    ]
    citations, numbers = number([c for group in carried for c in group[:_CARRIERS]])
    items = []
    for move, lead, judgement, group in zip(moves, leads, judged, carried, strict=True):
        verdict = judgement.verdict
        cited = tuple(dict.fromkeys(numbers[c.claim.article_id] for c in group[:_CARRIERS]))
        items.append(
            SummaryItem(
                lead.claim.text,
                verdict if verdict is not Verdict.UNKNOWN else Verdict.REPORTED,
                cited,
                lead.article.published,
                attribution(lead),
                move.person,
                move.label,
                str(lead.claim.stage),
                lead.quoted_outlet,
                lead.quoted_url,
            )
        )
    return items, citations


def render_items(items: list[SummaryItem], topic: str | None, days: int | None) -> str:
    """The round-up as text: one line per move with its verdict, latest stage and citation."""
    scope = f" about {topic}" if topic else ""
    window = f" in the last {days} days" if days else ""
    if not items:
        return f"Nothing in the sources{scope}{window}."
    lines = []
    for item in items:
        marks = "".join(f"[{n}]" for n in item.citations)
        head = f"{item.person}, {item.move}" if item.person else item.move
        lines.append(
            f"- **{item.certainty.capitalize()}** · {head} ({item.stage}) · "
            f"{quoted(item.attribution, item.text)} {marks}"
        )
    return "\n".join(lines)


def _cutoff(days: int | None, now: datetime | None) -> int | None:
    if not days:
        return None
    return int(((now or datetime.now(UTC)) - timedelta(days=days)).timestamp())
