"""Resolving claims: once the ledger records how a move ended, every earlier claim about it was
right or wrong, and some number of days ahead of the news.

A move ends by its own claims (a completion, or a collapse, rejection, denial or stay that no
later report revived; see `bot.answering.moves.outcome`). A rumoured move to one club also ends,
unhappily, when the person completes a move somewhere else within ELSEWHERE_DAYS of the rumour;
a rumoured departure ends happily when he completes a move away from that club. Claims dated on
or after the news that settled the move, claims more than HORIZON_DAYS older than it (an earlier
saga about the same move), and undated claims, are not resolved.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answering.moves import Move, Outcome, group_moves, outcome
from bot.answering.questions import Ask
from bot.answering.verdict import Side, side
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.outlets import journalists_in
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)

DAY = 86400
HORIZON_DAYS = 365  # a claim older than this is about an earlier saga, not the one that ended
ELSEWHERE_DAYS = 183  # a rumour older than this is not settled by a move elsewhere


@dataclass(frozen=True)
class Call:
    """One resolved claim: who made it, what it predicted, and whether that came true."""

    stored: StoredClaim
    move: tuple[str, str]  # (person key, move label)
    outlet: str  # canonical outlet name, or as the source wrote it
    journalists: tuple[str, ...]
    predicted: bool  # the claim said the move would happen
    happened: bool
    settled_at: int  # when the news that settled the move came out

    @property
    def right(self) -> bool:
        """Whether the claim's prediction came true."""
        return self.predicted == self.happened

    @property
    def days_ahead(self) -> float:
        """How many days before the settling news the claim came out."""
        return (self.settled_at - self.stored.ts) / DAY


def resolve(claims: Iterable[StoredClaim], gaz: Gazetteer) -> list[Call]:
    """Every claim that the ledger's later news settles, with whether it was right."""
    moves = group_moves(claims)
    outcomes = settle(moves)
    calls: list[Call] = []
    for move in moves:
        ended = outcomes.get(move.key)
        if ended is None:
            continue
        for stored in move.claims:
            call = _call(move, ended, stored, gaz)
            if call is not None:
                calls.append(call)
    return calls


def settle(moves: list[Move]) -> dict[tuple[str, str], Outcome]:
    """How each move ended, by its own claims or by the person's completed move elsewhere."""
    outcomes = {m.key: o for m in moves if (o := outcome(m)) is not None}
    by_person: dict[str, list[tuple[Move, Outcome]]] = {}
    for move in moves:
        ended = outcomes.get(move.key)
        if ended is not None and ended.happened and move.question.ask is Ask.MOVE:
            by_person.setdefault(move.person_key, []).append((move, ended))
    for move in moves:
        if move.key in outcomes or move.question.ask is not Ask.MOVE:
            continue
        dated = [c.ts for c in move.claims if c.ts]
        if not dated:
            continue
        later = sorted(
            (o for other, o in by_person.get(move.person_key, []) if o.at > min(dated)),
            key=lambda o: o.at,
        )
        for done in later:
            if _settles(move, done):
                outcomes[move.key] = done if not move.question.to_club else _elsewhere(done)
                break
    return outcomes


def _settles(move: Move, done: Outcome) -> bool:
    """Whether a completed move settles another open move of the same person."""
    completed = done.deciding.claim
    club = move.question.to_club
    if club:
        return bool(completed.to_club) and completed.to_club != club
    leaving = {c.claim.from_club for c in move.claims} - {""}
    return bool(completed.from_club) and completed.from_club in leaving


def _elsewhere(done: Outcome) -> Outcome:
    return Outcome(False, done.at, done.deciding, elsewhere=True)


def _call(move: Move, ended: Outcome, stored: StoredClaim, gaz: Gazetteer) -> Call | None:
    if not stored.ts or stored.ts >= ended.at:
        return None
    horizon = ELSEWHERE_DAYS if ended.elsewhere else HORIZON_DAYS
    if ended.at - stored.ts > horizon * DAY:
        return None
    bearing = side(move.question, stored.claim)
    if bearing is None or bearing is Side.DONE:
        return None
    return Call(
        stored,
        move.key,
        stored.outlet(gaz),
        tuple(journalists_in(stored.claim.text, gaz)),
        bearing is Side.REPORT,
        ended.happened,
        ended.at,
    )
