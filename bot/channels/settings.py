"""Per-channel settings in the data dir's SQLite database (component "channels").

A channel nobody configured answers mentions and slash commands and has no default topic.
Threads follow the settings of the channel they belong to.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from ingest.core.db import Database
from ingest.core.errors import RumourError

log = logging.getLogger(__name__)

COMPONENT = "channels"
MIGRATIONS = [
    """
    CREATE TABLE channel_settings (
        channel_id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        answers TEXT NOT NULL DEFAULT 'all' CHECK (answers IN ('all', 'slash', 'off')),
        summary_topic TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE INDEX channel_settings_by_guild ON channel_settings (guild_id)
    """,
]
MAX_TOPIC_CHARS = 200
_UPSERT = {
    "answers": (
        "INSERT INTO channel_settings (channel_id, guild_id, answers, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET "
        "answers = excluded.answers, updated_at = excluded.updated_at"
    ),
    "summary_topic": (
        "INSERT INTO channel_settings (channel_id, guild_id, summary_topic, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET "
        "summary_topic = excluded.summary_topic, updated_at = excluded.updated_at"
    ),
}


class Answers(StrEnum):
    """What the bot answers in a channel."""

    ALL = "all"  # mentions, thread follow-ups and slash commands
    SLASH = "slash"  # slash commands only
    OFF = "off"  # nothing: /ask, /summary and /sources are refused, mentions ignored

    @property
    def label(self) -> str:
        """How /config names the choice."""
        return _LABELS[self]


_LABELS = {
    Answers.ALL: "mentions and slash commands",
    Answers.SLASH: "slash commands only",
    Answers.OFF: "nothing",
}


@dataclass(frozen=True)
class ChannelConfig:
    """One channel's settings (the defaults when nobody configured it)."""

    channel_id: int
    answers: Answers = Answers.ALL
    summary_topic: str = ""
    configured: bool = False

    @property
    def answers_mentions(self) -> bool:
        """Whether mentions (and follow-ups in threads) are answered here."""
        return self.answers is Answers.ALL

    @property
    def answers_commands(self) -> bool:
        """Whether /ask, /summary and /sources are answered here."""
        return self.answers is not Answers.OFF


class ChannelSettings:
    """Reads and writes per-channel settings."""

    def __init__(
        self, db: Database, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.db = db
        self.tables = db.tables(COMPONENT, MIGRATIONS)
        self._now = now

    def get(self, channel_id: int) -> ChannelConfig:
        """A channel's settings, or the defaults."""
        with self.tables.connect() as conn:
            row = conn.execute(
                "SELECT * FROM channel_settings WHERE channel_id = ?", (channel_id,)
            ).fetchone()
        return _config(row) if row else ChannelConfig(channel_id)

    def in_guild(self, guild_id: int) -> list[ChannelConfig]:
        """Every configured channel of a server."""
        with self.tables.connect() as conn:
            rows = conn.execute(
                "SELECT * FROM channel_settings WHERE guild_id = ? ORDER BY channel_id", (guild_id,)
            ).fetchall()
        return [_config(row) for row in rows]

    def set_answers(self, guild_id: int, channel_id: int, answers: Answers) -> ChannelConfig:
        """Choose what the bot answers in a channel."""
        return self._set(guild_id, channel_id, "answers", str(Answers(answers)))

    def set_summary_topic(self, guild_id: int, channel_id: int, topic: str | None) -> ChannelConfig:
        """Set a channel's default /summary topic; None or blank clears it."""
        topic = " ".join((topic or "").split())
        if len(topic) > MAX_TOPIC_CHARS:
            raise RumourError(
                f"That topic is too long ({len(topic)} characters; at most {MAX_TOPIC_CHARS})."
            )
        return self._set(guild_id, channel_id, "summary_topic", topic)

    def _set(self, guild_id: int, channel_id: int, column: str, value: str) -> ChannelConfig:
        with self.tables.transaction() as conn:
            conn.execute(
                _UPSERT[column],
                (channel_id, guild_id, value, self._now().isoformat(timespec="seconds")),
            )
        log.info("channel %s: %s set to %r", channel_id, column, value)
        return self.get(channel_id)


def _config(row: sqlite3.Row) -> ChannelConfig:
    return ChannelConfig(row["channel_id"], Answers(row["answers"]), row["summary_topic"], True)
