"""What a /timeline chart shows, as plain data: one point per claim about a person (its date, its
move, its stage, its outlet and citation number) and how each move ended.

Drawing it is `bot.timeline.render`'s job; tests and the Discord reply read this data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.answering.answer import Citation
from bot.answering.extractive import number
from bot.answering.moves import Move, group_moves, outcome, rumoured
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.stage import Stage
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)

# The chart's rows, bottom to top: a move's end states share the bottom row.
LEVELS = ("ended / stays", "interest", "talks", "bid", "agreed", "medical", "completed")
MAX_MOVES = 6  # more moves than this and the chart keeps those with the most claims


@dataclass(frozen=True)
class Point:
    """One claim on the chart."""

    n: int  # its citation number
    when: int  # seconds since the epoch
    move: int  # index into Timeline.moves
    level: int  # index into LEVELS
    stage: str
    outlet: str
    stored: StoredClaim


@dataclass(frozen=True)
class Ending:
    """How a move ended, marked on the chart where the settling claim sits."""

    move: int
    when: int
    level: int
    happened: bool
    stage: str


@dataclass(frozen=True)
class Timeline:
    """A person's moves over time."""

    person: str
    moves: list[str] = field(default_factory=list)  # move labels, most claims first
    points: list[Point] = field(default_factory=list)  # oldest first
    endings: list[Ending] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    undated: list[StoredClaim] = field(default_factory=list)  # listed, but not drawn
    left_out: int = 0  # moves beyond MAX_MOVES

    @property
    def outlets(self) -> list[str]:
        """Every outlet on the chart, in the order it first appears."""
        return list(dict.fromkeys(p.outlet for p in self.points))

    @property
    def charted(self) -> bool:
        """Whether there is a chart to draw: two claims or more with a date."""
        return len(self.points) >= 2

    def only_claim(self) -> str:
        """The text line that stands in for a chart of a single claim."""
        if self.points:
            p = self.points[0]
            claim = f"{p.outlet}, {p.stored.article.published[:10]}, {p.stage}"
            label, text = self.moves[p.move], p.stored.claim.text
        else:
            stored = self.undated[0]
            claim, label, text = stored.article.source or "undated", "", stored.claim.text
        move = f" ({label})" if label else ""
        return f"Only one claim about {self.person} so far: {claim}{move}: “{text}” [1]"

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of `rumour timeline --json`."""
        return {
            "person": self.person,
            "moves": self.moves,
            "points": [
                {
                    "n": p.n,
                    "published": p.stored.article.published,
                    "move": self.moves[p.move],
                    "stage": p.stage,
                    "outlet": p.outlet,
                    "quote": p.stored.claim.text,
                }
                for p in self.points
            ],
            "endings": [
                {
                    "move": self.moves[e.move],
                    "happened": e.happened,
                    "stage": e.stage,
                    "at": e.when,
                }
                for e in self.endings
            ],
            "undated": len(self.undated),
            "citations": [c.to_json() for c in self.citations],
        }


def level(stage: Stage) -> int:
    """The chart row of a stage: its rank on the progress scale; end states at the bottom."""
    return stage.progress


def build_timeline(person: str, claims: Iterable[StoredClaim], gaz: Gazetteer) -> Timeline:
    """The chart data of a person's claims: their moves, one point per dated claim, the endings.

    Job titles ("Villa boss Gerrard") are no rumour and stay off the chart.
    """
    moves = sorted(
        group_moves(rumoured(claims)), key=lambda m: (-len(m.claims), -m.newest, m.label)
    )
    kept, left_out = moves[:MAX_MOVES], max(0, len(moves) - MAX_MOVES)
    dated = sorted(
        ((i, c) for i, m in enumerate(kept) for c in m.claims if c.ts),
        key=lambda x: (x[1].ts, x[0], x[1].claim.start),
    )
    undated = [c for m in kept for c in m.claims if not c.ts]
    citations, numbers = number([c for _, c in dated] + undated)
    points = [
        Point(
            numbers[c.claim.article_id],
            c.ts,
            i,
            level(c.claim.stage),
            str(c.claim.stage),
            c.outlet(gaz) or "unknown outlet",
            c,
        )
        for i, c in dated
    ]
    return Timeline(
        person,
        [m.label for m in kept],
        points,
        _endings(kept),
        citations,
        undated,
        left_out,
    )


def _endings(moves: list[Move]) -> list[Ending]:
    found = []
    for i, move in enumerate(moves):
        ended = outcome(move)
        if ended is not None:
            stage = ended.deciding.claim.stage
            found.append(Ending(i, ended.at, level(stage), ended.happened, str(stage)))
    return found
