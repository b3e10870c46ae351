"""Track-record units saved in the data dir's SQLite database (component "records").

Resolving every claim in a large ledger takes about a second; the units it yields are small.
They are saved under a key made of the ledger's revision and what shapes them (this module's
version and the name lists), so a new process, such as a cold `rumour ask`, reads them back
instead of resolving again, and any write to the ledger makes the saved units stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime

from bot.records.book import Kind, Unit
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.gazetteer import Kind as NameKind
from ingest.core.db import Database

log = logging.getLogger(__name__)

COMPONENT = "records"
MIGRATIONS = [
    """
    CREATE TABLE record_units (
        key TEXT PRIMARY KEY,
        units TEXT NOT NULL,
        saved_at TEXT NOT NULL
    )
    """,
]
UNITS_VERSION = "1"  # bump when resolution or units change what they yield


class SavedUnits:
    """The units of the latest ledger revision that any process resolved."""

    def __init__(self, db: Database, gazetteer: Gazetteer) -> None:
        self.tables = db.tables(COMPONENT, MIGRATIONS)
        self._names = _fingerprint(gazetteer)

    def key(self, revision: int) -> str:
        """The key units resolved at a ledger revision are saved under."""
        return f"{UNITS_VERSION}:{self._names}:{revision}"

    def load(self, key: str) -> list[Unit] | None:
        """The units saved under a key, or None when none are (or they cannot be read)."""
        with self.tables.connect() as conn:
            row = conn.execute("SELECT units FROM record_units WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return [
                Unit(name, Kind(kind), (move[0], move[1]), bool(right), float(ahead))
                for name, kind, move, right, ahead in json.loads(row["units"])
            ]
        except (ValueError, TypeError, IndexError) as exc:
            log.warning("resolving track records again: the saved ones are unreadable (%s)", exc)
            return None

    def save(self, key: str, units: list[Unit]) -> None:
        """Keep these units under a key, in place of any older ones."""
        payload = json.dumps(
            [[u.name, u.kind.value, list(u.move), u.right, u.days_ahead] for u in units]
        )
        with self.tables.transaction() as conn:
            conn.execute("DELETE FROM record_units")
            conn.execute(
                "INSERT INTO record_units (key, units, saved_at) VALUES (?, ?, ?)",
                (key, payload, datetime.now(UTC).isoformat(timespec="seconds")),
            )


def _fingerprint(gaz: Gazetteer) -> str:
    """A short hash of the outlet and journalist names, which decide whom a call is credited to."""
    names = sorted(
        f"{' '.join(key)}={entry.canonical}"
        for key, entry in gaz.table.items()
        if entry.kind in (NameKind.OUTLET, NameKind.JOURNALIST)
    )
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]
