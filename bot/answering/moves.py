"""Claims grouped into moves (a person and where he goes, leaves, stays or which job), what each
move stands at now, and how it ended.

A move ended when its own claims settle it the way the verdict does: a completion stated on the
sentence's own authority (it happened), or a collapse, rejection, denial or stay that no later
report revived (it did not). Round-ups, timelines, watches and track records all read moves here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answering.answer import Verdict
from bot.answering.questions import Ask, Question
from bot.answering.verdict import SAME_PERIOD, Judgement, Side, judge, side
from ingest.claims.model import About
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Move:
    """One person's move and every claim about it."""

    person: str
    person_key: str
    label: str  # "to Arsenal", "leaving Chelsea", "staying at Everton", "manager, Wales"
    question: Question  # the claim pattern the move's verdict is judged against
    claims: list[StoredClaim]

    @property
    def key(self) -> tuple[str, str]:
        """What tells moves apart: the person and the move."""
        return (self.person_key, self.label)

    @property
    def newest(self) -> int:
        """The date of the newest claim (seconds since the epoch; 0 when all are undated)."""
        return max(c.ts for c in self.claims)

    @property
    def clubs(self) -> frozenset[str]:
        """The clubs the move is to or from."""
        found = {c.claim.to_club for c in self.claims} | {c.claim.from_club for c in self.claims}
        return frozenset(found - {""})


@dataclass(frozen=True)
class Outcome:
    """How a move ended: whether it happened, when, and the claim that settled it."""

    happened: bool
    at: int  # seconds since the epoch
    deciding: StoredClaim
    elsewhere: bool = False  # it did not happen because the person moved somewhere else


@dataclass(frozen=True)
class MoveState:
    """Where a move stands: its verdict and its latest claim (whose stage is the move's)."""

    verdict: Verdict
    lead: StoredClaim

    @property
    def stage(self) -> str:
        """The stage of the claim that stands for the move."""
        return str(self.lead.claim.stage)


def rumoured(claims: Iterable[StoredClaim]) -> list[StoredClaim]:
    """The claims that are news of a move: not a job title ("Villa boss Gerrard")."""
    return [c for c in claims if c.claim.about != About.HOLDS]


def group_moves(claims: Iterable[StoredClaim]) -> list[Move]:
    """Claims grouped by person and move: where he goes, leaves or stays, or the job."""
    groups: dict[tuple[str, str], list[StoredClaim]] = {}
    for stored in claims:
        groups.setdefault((stored.claim.person_key, move_label(stored)), []).append(stored)
    moves = []
    for (key, label), members in groups.items():
        person = members[0].claim.person
        first = members[0].claim
        ask = Ask.STAY if first.about == About.STAY else Ask.MOVE
        club = first.from_club if ask is Ask.STAY else first.to_club
        question = Question(
            text=person,
            ask=ask,
            to_club=club if ask is Ask.MOVE else "",
            from_club=club if ask is Ask.STAY else "",
        )
        moves.append(Move(person, key, label, question, members))
    return moves


def move_label(stored: StoredClaim) -> str:
    """How a round-up names a claim's move."""
    claim = stored.claim
    if claim.about == About.STAY:
        return f"staying at {claim.from_club}" if claim.from_club else "staying"
    if claim.role and claim.to_club:
        return f"{claim.role}, {claim.to_club}"
    if claim.to_club:
        return f"to {claim.to_club}"
    if claim.from_club:
        return f"leaving {claim.from_club}"
    return claim.role or "a move"


def lead(move: Move, judgement: Judgement) -> StoredClaim:
    """The claim that stands for a move: the verdict's deciding one, else the newest."""
    if judgement.decisive:
        return judgement.decisive[0]
    return max(move.claims, key=lambda c: (c.ts, c.claim.main))


def state(move: Move) -> MoveState:
    """The move's verdict ("reported" when its claims say nothing decisive) and latest claim."""
    judgement = judge(move.question, move.claims)
    verdict = judgement.verdict if judgement.verdict is not Verdict.UNKNOWN else Verdict.REPORTED
    return MoveState(verdict, lead(move, judgement))


def outcome(move: Move) -> Outcome | None:
    """How the move's own dated claims settle it; None while it is still open."""
    sided = [(c, side(move.question, c.claim)) for c in move.claims if c.ts]
    done = [c for c, s in sided if s is Side.DONE]
    if done:
        first = min(done, key=lambda c: c.ts)
        return Outcome(True, first.ts, first)
    against = [c for c, s in sided if s is Side.AGAINST]
    newest_report = max((c.ts for c, s in sided if s is Side.REPORT), default=0)
    held = [a for a in against if newest_report <= a.ts + SAME_PERIOD]  # no report revived it
    if not held:
        return None
    first = min(held, key=lambda c: c.ts)
    return Outcome(False, first.ts, first)
