"""The ledger's write side: read an article's claims into it, forget them, follow the store.

The ledger is derived from the store. Each article is written in one transaction, keyed by a
fingerprint of what its claims depend on, so an unchanged article is never read twice, and
`sync` brings the ledger level with the store after a crash, a forget, or writes made by
another process on a shared Chroma server.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.claims.extract import read_article
from ingest.claims.gazetteer import Gazetteer, default_gazetteer
from ingest.core.db import Database
from ingest.core.schema import Article
from ingest.index.store import StoreReader
from ingest.ledger import schema
from ingest.ledger.reader import LedgerReader
from ingest.ledger.schema import CLAIM_COLUMNS, LedgerArticle, claim_row, fingerprint

log = logging.getLogger(__name__)

_BATCH = 500


@dataclass
class LedgerChange:
    """What a write to the ledger did."""

    extracted: int = 0  # articles read for claims
    claims: int = 0
    removed: int = 0  # articles whose claims were forgotten


class LedgerWriter(LedgerReader):
    """Writes the ledger; used by ingest only."""

    def __init__(self, db: Database, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(db)
        self.gazetteer = gazetteer or default_gazetteer()

    def fingerprints(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The stored fingerprint of each article the ledger has read."""
        found: dict[str, str] = {}
        with self.db.connect() as conn:
            for start in range(0, len(article_ids), _BATCH):
                chunk = list(article_ids[start : start + _BATCH])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT article_id, fingerprint FROM ledger_articles "  # noqa: S608
                    f"WHERE article_id IN ({marks})",
                    chunk,
                )
                found.update({r["article_id"]: r["fingerprint"] for r in rows})
        return found

    def record(self, articles: Iterable[Article]) -> LedgerChange:
        """Read the claims of articles whose fingerprint changed; unchanged ones cost nothing."""
        latest = {a.id: a for a in articles}
        known = self.fingerprints(list(latest))
        change = LedgerChange()
        for article in latest.values():
            meta = LedgerArticle.of(article)
            if known.get(article.id) == meta.fingerprint:
                continue
            change.claims += self._replace(meta, article)
            change.extracted += 1
        return change

    def _replace(self, meta: LedgerArticle, article: Article) -> int:
        reading = read_article(article.id, article.title, article.text, self.gazetteer)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM ledger_articles WHERE article_id = ?", (meta.article_id,))
            conn.execute(
                "INSERT INTO ledger_articles (article_id, fingerprint, title, url, source,"
                " published, published_ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.article_id,
                    meta.fingerprint,
                    meta.title,
                    meta.url,
                    meta.source,
                    meta.published,
                    meta.published_ts,
                ),
            )
            marks = ", ".join("?" * len(CLAIM_COLUMNS.split(",")))
            conn.executemany(
                f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES ({marks})",  # noqa: S608
                [claim_row(meta.article_id, c, article.item_at(c.start)) for c in reading.claims],
            )
            conn.executemany(
                "INSERT INTO ledger_people (article_id, name, mentions) VALUES (?, ?, ?)",
                [(meta.article_id, name, n) for name, n in reading.people.items()],
            )
            _bump(conn)
        return len(reading.claims)

    def remove(self, article_ids: Iterable[str]) -> int:
        """Forget the claims of these articles; returns how many articles the ledger knew."""
        ids = list(dict.fromkeys(article_ids))
        removed = 0
        with self.db.transaction() as conn:
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                cur = conn.execute(
                    f"DELETE FROM ledger_articles WHERE article_id IN ({marks})",  # noqa: S608
                    chunk,
                )
                removed += cur.rowcount
            if removed:
                _bump(conn)
        return removed

    def sync(self, store: StoreReader) -> LedgerChange:
        """Bring the ledger level with the store: read what it lacks, forget what the store lost."""
        revision = f"{schema.EXTRACTOR_VERSION}:{store.revision()}"
        if revision == self._synced_revision():
            return LedgerChange()
        records = {r.id: r for r in store.list_articles()}
        change = LedgerChange()
        change.removed = self.remove(set(self._article_ids()) - set(records))
        known = self.fingerprints(list(records))
        for record in records.values():
            expected = fingerprint(
                record.hash,
                record.title,
                record.url,
                record.source,
                record.published,
                record.quoted_items,
            )
            if known.get(record.id) == expected:
                continue
            article = store.get_article(record.id)
            if article is None:  # removed meanwhile
                continue
            change.claims += self._replace(LedgerArticle.of(article), article)
            change.extracted += 1
        self._set_synced_revision(revision)
        if change.extracted or change.removed:
            log.info(
                "ledger synced with the store: %d articles read, %d forgotten",
                change.extracted,
                change.removed,
            )
        return change

    def _article_ids(self) -> list[str]:
        with self.db.connect() as conn:
            return [r[0] for r in conn.execute("SELECT article_id FROM ledger_articles")]

    def _synced_revision(self) -> str:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT value FROM ledger_meta WHERE key = 'store_revision'"
            ).fetchone()
        return str(row[0]) if row else ""

    def _set_synced_revision(self, revision: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE ledger_meta SET value = ? WHERE key = 'store_revision'", (revision,)
            )


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute(
        "UPDATE ledger_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        " WHERE key = 'revision'"
    )
