"""The answer log and the votes on it, in the data dir's SQLite database (component "feedback").

Every answer the bot posts in Discord is logged under a short random id, which its 👍/👎
buttons carry, so a vote still finds its answer after a restart. A vote is one row per answer
and voter (a keyed hash of the user id, see bot.feedback.voters): a second click changes it.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import SecretStr

from bot.answering.answer import Answer, Citation
from bot.answering.summary import Summary
from bot.feedback.report import FeedbackReport, build_report
from bot.feedback.voters import key_from_secret, stored_key, voter_hash
from ingest.core.db import Database
from ingest.core.errors import NotFoundError, RumourError
from ingest.core.text.folding import fold

log = logging.getLogger(__name__)

COMPONENT = "feedback"
MIGRATIONS = [
    """
    CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('ask', 'summary')),
        question TEXT NOT NULL,
        question_key TEXT NOT NULL,
        answer TEXT NOT NULL,
        verdict TEXT NOT NULL,
        citations TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX answers_by_question ON answers (question_key);
    CREATE TABLE votes (
        answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        voter TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (answer_id, voter)
    );
    CREATE TABLE feedback_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL)
    """,
]
MAX_COMMENT_CHARS = 500
ANSWER_ID = re.compile(r"[0-9a-f]{16}")


class VoteResult(StrEnum):
    """What a click did to the user's vote on an answer."""

    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class LoggedAnswer:
    """An answer or round-up as the bot posted it."""

    id: str
    kind: str
    question: str
    answer: str
    verdict: str
    citations: list[Citation]
    created_at: str


class FeedbackStore:
    """Logs what the bot answered and records one vote per user per answer."""

    def __init__(
        self,
        db: Database,
        *,
        secret: SecretStr | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.tables = db.tables(COMPONENT, MIGRATIONS)
        self._secret = secret
        self._key: bytes | None = None
        self._now = now

    def log_answer(self, answer: Answer) -> str:
        """Log an /ask or mention answer; returns the id its buttons carry."""
        return self._log("ask", answer.question, answer.text, str(answer.verdict), answer.citations)

    def log_summary(self, summary: Summary) -> str:
        """Log a /summary round-up (its quotes are shown from here); returns its id."""
        return self._log("summary", summary.topic or "", summary.text, "", summary.citations)

    def get(self, answer_id: str) -> LoggedAnswer | None:
        """A logged answer by id, or None."""
        with self.tables.connect() as conn:
            row = conn.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone()
        if row is None:
            return None
        citations = [Citation(**c) for c in json.loads(row["citations"])]
        return LoggedAnswer(
            row["id"],
            row["kind"],
            row["question"],
            row["answer"],
            row["verdict"],
            citations,
            row["created_at"],
        )

    def vote(self, answer_id: str, user_id: int, *, up: bool) -> VoteResult:
        """Record a user's 👍 or 👎 on an answer; a second click changes it."""
        value = 1 if up else -1
        stamp = self._stamp()
        with self.tables.transaction() as conn:
            self._require(conn, answer_id)
            voter = voter_hash(self._voter_key(conn), user_id)
            row = conn.execute(
                "SELECT vote FROM votes WHERE answer_id = ? AND voter = ?", (answer_id, voter)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO votes (answer_id, voter, vote, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (answer_id, voter, value, stamp, stamp),
                )
                return VoteResult.RECORDED
            if row["vote"] == value:
                return VoteResult.UNCHANGED
            conn.execute(
                "UPDATE votes SET vote = ?, comment = '', updated_at = ? "
                "WHERE answer_id = ? AND voter = ?",
                (value, stamp, answer_id, voter),
            )
            return VoteResult.CHANGED

    def comment(self, answer_id: str, user_id: int, text: str) -> None:
        """Keep what a 👎 voter said was wrong (trimmed; empty says nothing)."""
        text = " ".join(text.split())
        if len(text) > MAX_COMMENT_CHARS:
            raise RumourError(f"Keep it under {MAX_COMMENT_CHARS} characters, please.")
        with self.tables.transaction() as conn:
            self._require(conn, answer_id)
            voter = voter_hash(self._voter_key(conn), user_id)
            updated = conn.execute(
                "UPDATE votes SET comment = ?, updated_at = ? "
                "WHERE answer_id = ? AND voter = ? AND vote = -1",
                (text, self._stamp(), answer_id, voter),
            ).rowcount
        if not updated:
            raise NotFoundError("There is no 👎 of yours on that answer to add this to.")

    def report(self, limit: int = 10) -> FeedbackReport:
        """The share of 👍, the worst-rated questions and the questions most often unanswered."""
        with self.tables.connect() as conn:
            return build_report(conn, limit)

    # -- internals --------------------------------------------------------------------------

    def _log(
        self, kind: str, question: str, text: str, verdict: str, citations: list[Citation]
    ) -> str:
        answer_id = secrets.token_hex(8)
        stored = json.dumps([asdict(c) for c in citations], ensure_ascii=False)
        with self.tables.transaction() as conn:
            conn.execute(
                "INSERT INTO answers (id, kind, question, question_key, answer, verdict, "
                "citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    kind,
                    question,
                    question_key(question),
                    text,
                    verdict,
                    stored,
                    self._stamp(),
                ),
            )
        return answer_id

    def _require(self, conn: sqlite3.Connection, answer_id: str) -> None:
        if not conn.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone():
            raise NotFoundError("I can't find that answer any more, so the vote was not counted.")

    def _voter_key(self, conn: sqlite3.Connection) -> bytes:
        if self._key is None:
            self._key = key_from_secret(self._secret) if self._secret else stored_key(conn)
        return self._key

    def _stamp(self) -> str:
        return self._now().astimezone(UTC).isoformat(timespec="seconds")


def question_key(question: str) -> str:
    """Questions that differ only in case, accents and punctuation are the same question."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(question)))
