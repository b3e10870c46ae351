"""`rumour feedback`: the share of 👍, the worst-rated questions, the questions left unanswered."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

_COMMENTS_PER_QUESTION = 3


@dataclass(frozen=True)
class RatedQuestion:
    """A question (as last asked) with its votes and what 👎 voters said."""

    question: str
    up: int
    down: int
    verdict: str
    comments: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one rated question."""
        return {
            "question": self.question,
            "up": self.up,
            "down": self.down,
            "verdict": self.verdict,
            "comments": self.comments,
        }


@dataclass(frozen=True)
class UnansweredQuestion:
    """A question the sources could not answer, and how often it was asked."""

    question: str
    times: int
    last_asked: str

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one unanswered question."""
        return {"question": self.question, "times": self.times, "last_asked": self.last_asked}


@dataclass(frozen=True)
class FeedbackReport:
    """What fans made of the answers; `to_json` is the shape of `rumour feedback --json`."""

    answers: int
    up: int
    down: int
    worst: list[RatedQuestion]
    unknown: list[UnansweredQuestion]

    @property
    def votes(self) -> int:
        """Every vote counted."""
        return self.up + self.down

    @property
    def share_up(self) -> float | None:
        """The share of votes that are 👍 (0..1); None before the first vote."""
        return self.up / self.votes if self.votes else None

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape."""
        share = self.share_up
        return {
            "answers": self.answers,
            "votes": {"up": self.up, "down": self.down, "share_up": share},
            "worst_rated": [q.to_json() for q in self.worst],
            "unknown_most_often": [q.to_json() for q in self.unknown],
        }


def build_report(conn: sqlite3.Connection, limit: int) -> FeedbackReport:
    """Read the report from the feedback tables."""
    answers = conn.execute("SELECT COUNT(*) FROM answers WHERE kind = 'ask'").fetchone()[0]
    totals = conn.execute(
        "SELECT COALESCE(SUM(v.vote = 1), 0) AS up, COALESCE(SUM(v.vote = -1), 0) AS down "
        "FROM votes v JOIN answers a ON a.id = v.answer_id WHERE a.kind = 'ask'"
    ).fetchone()
    return FeedbackReport(
        answers=int(answers),
        up=int(totals["up"]),
        down=int(totals["down"]),
        worst=_worst(conn, limit),
        unknown=_unknown(conn, limit),
    )


def _worst(conn: sqlite3.Connection, limit: int) -> list[RatedQuestion]:
    # SQLite fills the bare columns (question, verdict) from the row holding MAX(rowid):
    # each question is shown as it was last asked, with the verdict it last got.
    rows = conn.execute(
        "SELECT a.question_key AS key, a.question AS question, a.verdict AS verdict, "
        "MAX(a.rowid) AS latest, SUM(v.vote = 1) AS up, SUM(v.vote = -1) AS down "
        "FROM votes v JOIN answers a ON a.id = v.answer_id WHERE a.kind = 'ask' "
        "GROUP BY a.question_key HAVING down > 0 "
        "ORDER BY down - up DESC, down DESC, latest DESC LIMIT ?",
        (limit,),
    ).fetchall()
    worst = []
    for row in rows:
        comments = [
            c["comment"]
            for c in conn.execute(
                "SELECT v.comment FROM votes v JOIN answers a ON a.id = v.answer_id "
                "WHERE a.question_key = ? AND v.comment != '' ORDER BY v.updated_at DESC LIMIT ?",
                (row["key"], _COMMENTS_PER_QUESTION),
            )
        ]
        worst.append(
            RatedQuestion(
                row["question"], int(row["up"]), int(row["down"]), row["verdict"], comments
            )
        )
    return worst


def _unknown(conn: sqlite3.Connection, limit: int) -> list[UnansweredQuestion]:
    rows = conn.execute(
        "SELECT question, created_at AS latest, COUNT(*) AS times, MAX(rowid) AS newest "
        "FROM answers WHERE kind = 'ask' AND verdict = 'unknown' GROUP BY question_key "
        "ORDER BY times DESC, newest DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [UnansweredQuestion(r["question"], int(r["times"]), r["latest"]) for r in rows]
