"""The ledger's read side: claims by person, every claim, the people named, a revision counter."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from ingest.core.db import Database
from ingest.ledger.schema import COMPONENT, MIGRATIONS, StoredClaim, stored_claim

log = logging.getLogger(__name__)

_SELECT = (
    "SELECT c.*, a.fingerprint, a.title, a.url, a.source, a.published, a.published_ts "
    "FROM claims c JOIN ledger_articles a ON a.article_id = c.article_id "
)
_BATCH = 500


class LedgerReader:
    """What the bot reads from the ledger."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate(COMPONENT, MIGRATIONS)

    def revision(self) -> int:
        """A counter that changes with every write, for caches."""
        with self.db.connect() as conn:
            row = conn.execute("SELECT value FROM ledger_meta WHERE key = 'revision'").fetchone()
        return int(row[0])

    def claims_about(self, person_keys: Iterable[str]) -> list[StoredClaim]:
        """Every claim whose person is one of these (folded full names)."""
        keys = list(dict.fromkeys(person_keys))
        found: list[StoredClaim] = []
        with self.db.connect() as conn:
            for start in range(0, len(keys), _BATCH):
                chunk = keys[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(_SELECT + f"WHERE c.person_key IN ({marks})", chunk)
                found.extend(stored_claim(r) for r in rows)
        return found

    def all_claims(self) -> list[StoredClaim]:
        """Every claim in the ledger."""
        with self.db.connect() as conn:
            return [stored_claim(r) for r in conn.execute(_SELECT)]

    def claims_of(self, article_ids: Sequence[str]) -> list[StoredClaim]:
        """The claims of some articles."""
        found: list[StoredClaim] = []
        with self.db.connect() as conn:
            for start in range(0, len(article_ids), _BATCH):
                chunk = list(article_ids[start : start + _BATCH])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(_SELECT + f"WHERE c.article_id IN ({marks})", chunk)
                found.extend(stored_claim(r) for r in rows)
        return found

    def people(self) -> list[tuple[str, int]]:
        """Every person the articles name, with how often."""
        with self.db.connect() as conn:
            rows = conn.execute("SELECT name, SUM(mentions) FROM ledger_people GROUP BY name")
            return [(r[0], int(r[1])) for r in rows]

    def article_count(self) -> int:
        """How many articles the ledger has read."""
        with self.db.connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM ledger_articles").fetchone()[0])
