"""The data dir's SQLite database: one file, a versioned schema per component, short connections."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from ingest.core.errors import StoreError

log = logging.getLogger(__name__)

DB_FILE = "rumour.db"
_BUSY_TIMEOUT_MS = 30_000


Migration = str  # one SQL script of statements; its position in the list is its version


class Database:
    """One SQLite file shared by the ledger, the source registry and the bot's own tables.

    Each component (`ledger`, `feedback`, ...) owns an ordered list of migrations; the
    `schema_versions` table records how many of them ran. Connections are opened per
    operation, so threads and processes never share one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._migrated: set[str] = set()
        self._lock = threading.Lock()

    @classmethod
    def in_dir(cls, data_dir: Path) -> Database:
        """The database kept in a data directory."""
        return cls(data_dir / DB_FILE)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in WAL mode; commits on success, rolls back on error, always closes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open the database {self.path}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"The database {self.path} failed: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken up front (BEGIN IMMEDIATE), committed or rolled back whole."""
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def tables(self, component: str, migrations: Sequence[Migration]) -> Tables:
        """A component's view of the database, brought up to date before its first use."""
        return Tables(self, component, migrations)

    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        """Bring a component's tables up to date; returns its schema version."""
        with self._lock:
            if component in self._migrated:
                return len(migrations)
            with self.transaction() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_versions "
                    "(component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
                )
                row = conn.execute(
                    "SELECT version FROM schema_versions WHERE component = ?", (component,)
                ).fetchone()
                current = row["version"] if row else 0
                if current > len(migrations):
                    raise StoreError(
                        f"The database {self.path} was written by a newer version "
                        f"({component} schema {current}, this version knows {len(migrations)})."
                    )
                for version, script in enumerate(migrations[current:], start=current + 1):
                    log.info("Migrating %s to schema %d", component, version)
                    for statement in _statements(script):
                        conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_versions (component, version) VALUES (?, ?) "
                    "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                    (component, len(migrations)),
                )
            self._migrated.add(component)
            return len(migrations)


class Tables:
    """One component's tables: every connection first runs its migrations (once per process)."""

    def __init__(self, db: Database, component: str, migrations: Sequence[Migration]) -> None:
        self.db = db
        self.component = component
        self.migrations = migrations

    def connect(self) -> AbstractContextManager[sqlite3.Connection]:
        """`Database.connect`, once the component's schema is current."""
        self.db.migrate(self.component, self.migrations)
        return self.db.connect()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """`Database.transaction`, once the component's schema is current."""
        self.db.migrate(self.component, self.migrations)
        return self.db.transaction()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside literals here)."""
    return [s.strip() for s in script.split(";") if s.strip()]
