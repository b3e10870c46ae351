"""What an ingest or refresh did: counts, errors and notes, and the documented JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.core.errors import SourceError


@dataclass(frozen=True)
class SourceTally:
    """What a run did for one source: its line in the summary per source."""

    source: str
    new: int
    updated: int
    unchanged: int
    failed: int


@dataclass
class IngestReport:
    """What an ingest or refresh did; `to_json` is the documented CLI shape."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    embeddings: int = 0
    claim_articles: int = 0  # articles read for transfer claims
    claims: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Not in the JSON: article id -> the id its text is stored under (syndicated copies).
    aliases: dict[str, str] = field(default_factory=dict)
    # Not in the JSON: what each source of a run did, in the order they ran.
    sources: list[SourceTally] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        """Count what another run (one source, one batch) did into this report."""
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.chunks_added += other.chunks_added
        self.chunks_removed += other.chunks_removed
        self.embeddings += other.embeddings
        self.claim_articles += other.claim_articles
        self.claims += other.claims
        self.errors.extend(other.errors)
        self.notes.extend(other.notes)
        self.aliases.update(other.aliases)
        self.sources.extend(other.sources)

    def tally_since(self, source: str, before: tuple[int, int, int, int]) -> SourceTally:
        """What this report counted for `source` since `counts()` returned `before`."""
        now = self.counts()
        return SourceTally(source, *(a - b for a, b in zip(now, before, strict=True)))

    def counts(self) -> tuple[int, int, int, int]:
        """(new, updated, unchanged, failed) articles so far."""
        return self.new, self.updated, self.unchanged, self.failed

    def fail(self, error: SourceError) -> None:
        """Count a failed source and keep its message."""
        self.failed += 1
        self.errors.append((error.source, error.reason))

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape printed by `--json`; `notes` only when there are any."""
        shape: dict[str, Any] = {
            "articles": {
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "failed": self.failed,
            },
            "chunks": {"added": self.chunks_added, "removed": self.chunks_removed},
            "embeddings": self.embeddings,
            "claims": {"articles_read": self.claim_articles, "found": self.claims},
            "errors": [{"source": s, "error": e} for s, e in self.errors],
        }
        if self.notes:
            shape["notes"] = list(self.notes)
        return shape

    @property
    def ok(self) -> bool:
        """True when no source failed."""
        return self.failed == 0
