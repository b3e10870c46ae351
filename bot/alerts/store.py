"""Watches, what each watch was last told about each move, watch caps and digest schedules, in
the data dir's SQLite database (component "alerts").

What was announced is remembered per watch and move as the move's state ("reported/bid"), and
changed with a compare-and-set, so an alert goes out once however many processes check.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from ingest.core.db import Database

log = logging.getLogger(__name__)

COMPONENT = "alerts"
MIGRATIONS = [
    """
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'club')),
        target TEXT NOT NULL,
        label TEXT NOT NULL,
        dm INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (guild_id, user_id, kind, target)
    );
    CREATE INDEX watches_by_guild ON watches (guild_id, user_id);
    CREATE TABLE watch_moves (
        watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        move TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (watch_id, move)
    );
    CREATE TABLE watch_limits (
        guild_id INTEGER PRIMARY KEY,
        per_user INTEGER NOT NULL,
        per_server INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE digests (
        channel_id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        every TEXT NOT NULL CHECK (every IN ('daily', 'weekly')),
        last_sent INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    )
    """,
]


class Kind(StrEnum):
    """What a watch follows."""

    PERSON = "person"
    CLUB = "club"


class Every(StrEnum):
    """How often a channel's digest comes."""

    DAILY = "daily"
    WEEKLY = "weekly"

    @property
    def seconds(self) -> int:
        """The digest's period."""
        return 86400 if self is Every.DAILY else 7 * 86400


@dataclass(frozen=True)
class Watch:
    """One fan's watch on a person or a club, in one server."""

    id: int
    guild_id: int
    channel_id: int  # where it was set, and where its alerts go unless by DM
    user_id: int
    kind: Kind
    target: str  # the folded full name, or the club's canonical name
    label: str  # as shown
    dm: bool = False


@dataclass(frozen=True)
class Digest:
    """A channel's digest schedule."""

    channel_id: int
    guild_id: int
    every: Every
    last_sent: int = 0  # seconds since the epoch; 0 before the first


MoveKey = tuple[str, str]


def move_id(key: MoveKey) -> str:
    """A move key as stored."""
    return json.dumps(list(key), ensure_ascii=False)


class AlertStore:
    """Reads and writes the alerts component's tables."""

    def __init__(
        self, db: Database, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.db = db
        self.tables = db.tables(COMPONENT, MIGRATIONS)
        self.now = now

    def add_watch(
        self, watch: Watch, states: Iterable[tuple[MoveKey, str]], limits: tuple[int, int]
    ) -> Watch | None:
        """Store a watch with the moves' current states; None when a cap (per user, per server)
        is reached. Caps are checked in the same transaction as the insert."""
        with self.tables.transaction() as conn:
            per_user, per_server = limits
            mine = conn.execute(
                "SELECT COUNT(*) FROM watches WHERE guild_id = ? AND user_id = ?",
                (watch.guild_id, watch.user_id),
            ).fetchone()[0]
            everyone = conn.execute(
                "SELECT COUNT(*) FROM watches WHERE guild_id = ?", (watch.guild_id,)
            ).fetchone()[0]
            if mine >= per_user or everyone >= per_server:
                return None
            cur = conn.execute(
                "INSERT INTO watches (guild_id, channel_id, user_id, kind, target, label, dm,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    watch.guild_id,
                    watch.channel_id,
                    watch.user_id,
                    str(watch.kind),
                    watch.target,
                    watch.label,
                    int(watch.dm),
                    self._stamp(),
                ),
            )
            watch_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO watch_moves (watch_id, move, state) VALUES (?, ?, ?)",
                [(watch_id, move_id(key), state) for key, state in states],
            )
        return Watch(watch_id, *_fields(watch))

    def find_watch(self, guild_id: int, user_id: int, kind: Kind, target: str) -> Watch | None:
        """A fan's watch on a target, if any."""
        with self.tables.connect() as conn:
            row = conn.execute(
                "SELECT * FROM watches WHERE guild_id = ? AND user_id = ? AND kind = ?"
                " AND target = ?",
                (guild_id, user_id, str(kind), target),
            ).fetchone()
        return _watch(row) if row else None

    def remove_watch(self, watch_id: int) -> None:
        """Forget a watch and what it was told."""
        with self.tables.transaction() as conn:
            conn.execute("DELETE FROM watches WHERE id = ?", (watch_id,))

    def watches_of(self, guild_id: int, user_id: int) -> list[Watch]:
        """A fan's watches in a server, oldest first."""
        with self.tables.connect() as conn:
            rows = conn.execute(
                "SELECT * FROM watches WHERE guild_id = ? AND user_id = ? ORDER BY id",
                (guild_id, user_id),
            ).fetchall()
        return [_watch(r) for r in rows]

    def any_watches(self) -> bool:
        """Whether anyone watches anything (the cheap test every poll starts with)."""
        with self.tables.connect() as conn:
            return conn.execute("SELECT 1 FROM watches LIMIT 1").fetchone() is not None

    def all_watches(self) -> list[Watch]:
        """Every watch."""
        with self.tables.connect() as conn:
            return [_watch(r) for r in conn.execute("SELECT * FROM watches ORDER BY id")]

    def states(self) -> dict[tuple[int, str], str]:
        """What each watch was last told about each move: (watch id, move id) -> state."""
        with self.tables.connect() as conn:
            rows = conn.execute("SELECT watch_id, move, state FROM watch_moves")
            return {(r[0], r[1]): r[2] for r in rows}

    def swap(
        self, watch_ids: Sequence[int], key: MoveKey, old: str | None, new: str | None
    ) -> bool:
        """Record `new` for these watches' move if each still holds `old` (None: nothing).

        All or none: True when this caller made the change and so should announce it.
        """
        move = move_id(key)
        try:
            with self.tables.transaction() as conn:
                for watch_id in watch_ids:
                    row = conn.execute(
                        "SELECT state FROM watch_moves WHERE watch_id = ? AND move = ?",
                        (watch_id, move),
                    ).fetchone()
                    exists = conn.execute("SELECT 1 FROM watches WHERE id = ?", (watch_id,))
                    if (row[0] if row else None) != old or exists.fetchone() is None:
                        raise _Stale  # someone else announced it, or the watch is gone
                    if new is None:
                        conn.execute(
                            "DELETE FROM watch_moves WHERE watch_id = ? AND move = ?",
                            (watch_id, move),
                        )
                        continue
                    conn.execute(
                        "INSERT INTO watch_moves (watch_id, move, state) VALUES (?, ?, ?)"
                        " ON CONFLICT (watch_id, move) DO UPDATE SET state = excluded.state",
                        (watch_id, move, new),
                    )
        except _Stale:
            return False
        return True

    def limits(self, guild_id: int) -> tuple[int, int] | None:
        """A server's own caps (per user, per server), if a moderator set them."""
        with self.tables.connect() as conn:
            row = conn.execute(
                "SELECT per_user, per_server FROM watch_limits WHERE guild_id = ?", (guild_id,)
            ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def set_limits(self, guild_id: int, per_user: int, per_server: int) -> None:
        """Set a server's caps."""
        with self.tables.transaction() as conn:
            conn.execute(
                "INSERT INTO watch_limits (guild_id, per_user, per_server, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " per_user = excluded.per_user, per_server = excluded.per_server,"
                " updated_at = excluded.updated_at",
                (guild_id, per_user, per_server, self._stamp()),
            )

    def set_digest(self, guild_id: int, channel_id: int, every: Every | None) -> None:
        """Schedule a channel's digest, or stop it (None)."""
        with self.tables.transaction() as conn:
            if every is None:
                conn.execute("DELETE FROM digests WHERE channel_id = ?", (channel_id,))
                return
            conn.execute(
                "INSERT INTO digests (channel_id, guild_id, every, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET every = excluded.every,"
                " updated_at = excluded.updated_at",
                (channel_id, guild_id, str(every), self._stamp()),
            )

    def digests(self) -> list[Digest]:
        """Every scheduled digest."""
        with self.tables.connect() as conn:
            rows = conn.execute("SELECT * FROM digests ORDER BY channel_id").fetchall()
        return [
            Digest(r["channel_id"], r["guild_id"], Every(r["every"]), r["last_sent"]) for r in rows
        ]

    def mark_sent(self, channel_id: int, at: int, previous: int) -> bool:
        """Record a digest as sent if nobody else did since `previous`; True if this caller did."""
        with self.tables.transaction() as conn:
            cur = conn.execute(
                "UPDATE digests SET last_sent = ? WHERE channel_id = ? AND last_sent = ?",
                (at, channel_id, previous),
            )
            return cur.rowcount == 1

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")


class _Stale(Exception):
    """A compare-and-set found another state: roll the transaction back."""


def _fields(watch: Watch) -> tuple[int, int, int, Kind, str, str, bool]:
    return (
        watch.guild_id,
        watch.channel_id,
        watch.user_id,
        watch.kind,
        watch.target,
        watch.label,
        watch.dm,
    )


def _watch(row: sqlite3.Row) -> Watch:
    return Watch(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["user_id"],
        Kind(row["kind"]),
        row["target"],
        row["label"],
        bool(row["dm"]),
    )
