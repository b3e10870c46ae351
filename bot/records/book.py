"""Track records from resolved claims: per outlet and per named journalist, how many moves they
called, how many they called right, how early, and a Bayesian estimate of how often they are right.

The unit is a move, not a sentence: an outlet that wrote five stories about one move made one
call, judged by the last thing it said before the move was settled. The estimate is the mean of
a Beta posterior whose prior is centred on the share of calls every outlet got right together
(itself smoothed with one right and one wrong call) and weighs `strength` calls, so an outlet
that called two moves right is not "100% reliable". A moderator's pinned tier wins over it.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from bot.records.resolution import Call

log = logging.getLogger(__name__)

DEFAULT_STRENGTH = 4.0


class Kind(StrEnum):
    """Who a record is about."""

    OUTLET = "outlet"
    JOURNALIST = "journalist"


@dataclass(frozen=True)
class Prior:
    """A Beta(alpha, beta) prior on how often a source is right."""

    alpha: float
    beta: float

    @classmethod
    def centred(cls, right: int, resolved: int, strength: float = DEFAULT_STRENGTH) -> Prior:
        """A prior centred on the pooled share right, weighing `strength` calls."""
        mean = (right + 1) / (resolved + 2)
        return cls(mean * strength, (1 - mean) * strength)

    @property
    def mean(self) -> float:
        """The prior's own estimate, for a source with no resolved calls."""
        return self.alpha / (self.alpha + self.beta)

    def estimate(self, right: int, resolved: int) -> float:
        """The posterior mean share right after `right` of `resolved` calls."""
        return (right + self.alpha) / (resolved + self.alpha + self.beta)


@dataclass(frozen=True)
class Record:
    """One outlet's or journalist's track record."""

    name: str
    kind: Kind
    resolved: int  # moves called and since settled
    right: int
    estimate: float  # posterior mean share right
    days_ahead: float | None = None  # median, over the right calls, of days ahead of the news
    tier: int | None = None  # pinned by a moderator: 1 (most reliable) to 5

    @property
    def share(self) -> float:
        """The raw share right (unsmoothed)."""
        return self.right / self.resolved if self.resolved else 0.0

    def note(self) -> str:
        """'Sky Sports: right on 31 of 40 resolved moves (est. 76%)', or the pinned tier."""
        if self.tier is not None:
            return f"{self.name}: tier {self.tier} (pinned by moderators)"
        moves = "move" if self.resolved == 1 else "moves"
        return (
            f"{self.name}: right on {self.right} of {self.resolved} resolved {moves} "
            f"(est. {round(self.estimate * 100)}%)"
        )


@dataclass(frozen=True)
class Unit:
    """One source's call on one move: its last word before the move was settled."""

    name: str
    kind: Kind
    move: tuple[str, str]
    right: bool
    days_ahead: float


@dataclass
class RecordBook:
    """Every record, looked up by name (case-insensitive)."""

    records: dict[str, Record] = field(default_factory=dict)
    prior: Prior = field(default_factory=lambda: Prior(1.0, 1.0))

    def get(self, name: str) -> Record | None:
        """The record of an outlet or journalist, if it has resolved calls or a tier."""
        return self.records.get(name.casefold())

    def note(self, name: str) -> str:
        """The line shown beside a source, or '' when it has no record."""
        record = self.get(name) if name else None
        return record.note() if record else ""

    def ranked(self, kind: Kind | None = None) -> list[Record]:
        """Records with the most resolved moves first, then the best estimate."""
        chosen = [r for r in self.records.values() if kind is None or r.kind is kind]
        return sorted(chosen, key=lambda r: (r.tier is None, -r.resolved, -r.estimate, r.name))


def units(calls: Iterable[Call]) -> list[Unit]:
    """One unit per source and move, from the resolved claims."""
    grouped: dict[tuple[Kind, str, tuple[str, str]], list[Call]] = {}
    for call in calls:
        if call.outlet:
            grouped.setdefault((Kind.OUTLET, call.outlet, call.move), []).append(call)
        for journalist in call.journalists:
            grouped.setdefault((Kind.JOURNALIST, journalist, call.move), []).append(call)
    found = []
    for (kind, name, move), members in grouped.items():
        members.sort(key=lambda c: c.stored.ts)
        last = members[-1]
        run = [c for c in members if c.predicted == last.predicted]  # the call it ended on
        found.append(Unit(name, kind, move, last.right, max(c.days_ahead for c in run)))
    return found


def build_book(
    calls: Iterable[Call],
    tiers: Mapping[str, int] | None = None,
    strength: float = DEFAULT_STRENGTH,
) -> RecordBook:
    """Records from resolved claims, with moderators' tiers pinned over them."""
    return book_from_units(units(calls), tiers, strength)


def book_from_units(
    found: list[Unit],
    tiers: Mapping[str, int] | None = None,
    strength: float = DEFAULT_STRENGTH,
) -> RecordBook:
    """Records from each source's calls on each move, with moderators' tiers pinned over them."""
    outlets = [u for u in found if u.kind is Kind.OUTLET]
    prior = Prior.centred(sum(u.right for u in outlets), len(outlets), strength)
    by_name: dict[tuple[Kind, str], list[Unit]] = {}
    for unit in found:
        by_name.setdefault((unit.kind, unit.name), []).append(unit)
    records: dict[str, Record] = {}
    for (kind, name), members in sorted(by_name.items()):
        right = sum(u.right for u in members)
        ahead = [u.days_ahead for u in members if u.right]
        median = statistics.median(ahead) if ahead else None
        n = len(members)
        record = Record(name, kind, n, right, prior.estimate(right, n), median)
        records.setdefault(name.casefold(), record)
    for name, tier in (tiers or {}).items():
        known = records.get(name.casefold())
        pinned = replace(known, tier=tier) if known else Record(name, Kind.OUTLET, 0, 0, prior.mean)
        records[name.casefold()] = replace(pinned, tier=tier)
    return RecordBook(records, prior)
