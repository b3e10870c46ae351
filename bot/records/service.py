"""The track records the bot shows: learnt from the ledger, rebuilt when it changes, with the
moderators' tier file pinned over them."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.answering.answer import Citation
from bot.records.book import (
    DEFAULT_STRENGTH,
    Record,
    RecordBook,
    Unit,
    book_from_units,
    units,
)
from bot.records.resolution import resolve
from bot.records.saved import SavedUnits
from bot.records.tiers import read_tiers
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.outlets import credited_outlet, journalists_in
from ingest.claims.stages import cited_outlet
from ingest.core.errors import RumourError
from ingest.ledger.reader import LedgerReader

log = logging.getLogger(__name__)


class TrackRecords:
    """Outlets' and journalists' track records over the ledger (implements CitationNotes)."""

    def __init__(
        self,
        ledger: LedgerReader,
        gazetteer: Gazetteer,
        *,
        tiers_path: Path | None = None,
        strength: float = DEFAULT_STRENGTH,
        saved: SavedUnits | None = None,
    ) -> None:
        self.ledger = ledger
        self.saved = saved  # units resolved by any process, kept in the database
        self.gazetteer = gazetteer
        self.tiers_path = tiers_path
        self.strength = strength
        self._lock = threading.Lock()
        self._tiers: tuple[float, dict[str, int]] = (0.0, {})
        self._book: tuple[tuple[int, float], RecordBook] | None = None
        if tiers_path is not None:
            self._load_tiers(strict=True)  # a broken tier file stops start-up

    def book(self) -> RecordBook:
        """The records as of the ledger's current revision and the tier file's current text."""
        with self._lock:
            stamp = self._load_tiers(strict=False)
            revision = self.ledger.revision()
            if self._book is None or self._book[0] != (revision, stamp):
                found = self._units(revision)
                self._book = (
                    (revision, stamp),
                    book_from_units(found, self._tiers[1], self.strength),
                )
            return self._book[1]

    def _units(self, revision: int) -> list[Unit]:
        """Each source's calls at a revision: saved ones when there are, else resolved now."""
        key = self.saved.key(revision) if self.saved else ""
        found = self.saved.load(key) if self.saved else None
        if found is None:
            calls = resolve(self.ledger.all_claims(), self.gazetteer)
            log.debug("track records rebuilt: %d resolved claims", len(calls))
            found = units(calls)
            if self.saved:
                self.saved.save(key, found)
        return found

    def records(self) -> list[Record]:
        """Every record, the most resolved moves first."""
        return self.book().ranked()

    def note(self, citation: Citation) -> str:
        """The record of a citation's outlet, and of any journalist its quote names."""
        book = self.book()
        says = cited_outlet(citation.quote)
        outlet = credited_outlet(
            citation.quoted_outlet, says, citation.source, citation.url, self.gazetteer
        )
        names = [outlet, *journalists_in(citation.quote, self.gazetteer)]
        return "; ".join(note for note in map(book.note, names) if note)

    def _load_tiers(self, *, strict: bool) -> float:
        """Read the tier file when it changed; its modification time stamps the book."""
        path = self.tiers_path
        if path is None:
            return 0.0
        try:
            stamp = path.stat().st_mtime
        except OSError:
            stamp = -1.0
        if stamp == self._tiers[0]:
            return stamp
        try:
            self._tiers = (stamp, read_tiers(path, self.gazetteer))
        except RumourError as exc:
            if strict:
                raise
            log.warning("keeping the previous outlet tiers: %s", exc)
            self._tiers = (stamp, self._tiers[1])
        return stamp
