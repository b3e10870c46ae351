"""What changed, as pure functions of the ledger's claims: the watched moves whose verdict or
stage differs from what their watchers were last told, and the moves whose stage changed in a
digest's period.

A move's state is its verdict and the stage of the claim that stands for it ("reported/bid");
the alert quotes that claim, which is the one that changed it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.alerts.store import Kind, MoveKey, Watch, move_id
from bot.answering.answer import Verdict
from bot.answering.moves import Move, group_moves, rumoured, state
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MoveNow:
    """A move as it stands: its verdict and the claim that stands for it."""

    move: Move
    verdict: Verdict
    lead: StoredClaim

    @property
    def key(self) -> MoveKey:
        """The move's key (person key, label)."""
        return self.move.key

    @property
    def stage(self) -> str:
        """The stage of the claim that stands for the move."""
        return str(self.lead.claim.stage)

    @property
    def state(self) -> str:
        """What watchers are told and what is remembered: 'reported/bid'."""
        return f"{self.verdict}/{self.stage}"


@dataclass(frozen=True)
class Alert:
    """One change to announce once to one destination, for one or more of a fan's watches."""

    watches: tuple[Watch, ...]  # the fan's watches that cover the move (person and club)
    now: MoveNow
    before: str | None  # the state they were last told; None for a move new to them

    @property
    def watch(self) -> Watch:
        """The watch the alert is addressed by (the first that covers the move)."""
        return self.watches[0]


@dataclass(frozen=True)
class StageChange:
    """A move whose stage changed within a period: its stage before and now, newest claim."""

    now: MoveNow
    before: str | None  # the stage before the period; None for a move new in it


def moves_now(claims: Iterable[StoredClaim]) -> list[MoveNow]:
    """Every move of these claims as it stands (job titles are no news of a move)."""
    found = []
    for move in group_moves(rumoured(claims)):
        standing = state(move)
        found.append(MoveNow(move, standing.verdict, standing.lead))
    return found


def covers(watch: Watch, move: Move) -> bool:
    """Whether a watch follows a move: the person's, or one to or from the club."""
    if watch.kind is Kind.PERSON:
        return move.person_key == watch.target
    return watch.target in move.clubs


def destination(watch: Watch) -> tuple[str, int]:
    """Where a watch's alerts go: ('dm', user id) or ('channel', channel id)."""
    return ("dm", watch.user_id) if watch.dm else ("channel", watch.channel_id)


def alerts(
    watches: Sequence[Watch], moves: Sequence[MoveNow], told: Mapping[tuple[int, str], str]
) -> list[Alert]:
    """Changes to announce: each covered move whose state differs from what its watch was told,
    once per fan, destination and move (a fan watching a player and his club hears it once)."""
    grouped: dict[tuple[int, tuple[str, int], MoveKey], list[tuple[Watch, str | None]]] = {}
    by_key = {m.key: m for m in moves}
    for watch in watches:
        for now in moves:
            if not covers(watch, now.move):
                continue
            before = told.get((watch.id, move_id(now.key)))
            if before != now.state:
                group = (watch.user_id, destination(watch), now.key)
                grouped.setdefault(group, []).append((watch, before))
    found = []
    for (_, _, key), members in grouped.items():
        befores = {b for _, b in members}
        before = befores.pop() if len(befores) == 1 else None
        found.append(Alert(tuple(w for w, _ in members), by_key[key], before))
    return sorted(found, key=lambda a: (a.now.lead.ts, a.watch.id))


def baseline(watch: Watch, moves: Sequence[MoveNow]) -> list[tuple[MoveKey, str]]:
    """The states a new watch starts from: it hears only of changes after it was set."""
    return [(m.key, m.state) for m in moves if covers(watch, m.move)]


def stage_changes(claims: Iterable[StoredClaim], since: int, until: int) -> list[StageChange]:
    """Moves with claims published in [since, until) that moved them to another stage, newest
    first; a move first heard of in the period counts."""
    found = []
    for move in group_moves(rumoured(claims)):
        earlier = [c for c in move.claims if 0 < c.ts < since]
        during = [c for c in move.claims if since <= c.ts < until]
        if not during:
            continue
        now = state(replace(move, claims=earlier + during))
        before = state(replace(move, claims=earlier)).stage if earlier else None
        if now.stage != before:
            found.append(StageChange(MoveNow(move, now.verdict, now.lead), before))
    return sorted(found, key=lambda c: (-c.now.lead.ts, c.now.move.person, c.now.move.label))
