"""The rows of `rumour sources`: every source, registered or only seen in the index."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ingest.index.records import ArticleRecord
from ingest.sources.registry import SourceEntry, SourceKind, kind_of_origin


@dataclass(frozen=True)
class SourceInfo:
    """One row of `rumour sources`."""

    source: str
    kind: SourceKind
    articles: int
    chunks: int
    last_fetched: str
    status: str  # "ok", "error" or "never"
    last_error: str


def list_sources(entries: dict[str, SourceEntry], records: list[ArticleRecord]) -> list[SourceInfo]:
    """A row per registered source and per origin the articles name, sorted by source."""
    by_origin: dict[str, list[ArticleRecord]] = defaultdict(list)
    for record in records:
        by_origin[record.origin or record.url or record.id].append(record)
    by_id = {r.id: r for r in records}
    rows = []
    for key, entry in entries.items():
        owned = list(by_origin.get(key, []))
        other = by_id.get(entry.article_id) if entry.kind == "url" else None
        if other is not None and other not in owned:
            owned.append(other)  # a page stored as a syndicated copy of another source's
        rows.append(
            SourceInfo(
                key,
                entry.kind,
                len(owned),
                sum(r.chunks for r in owned),
                entry.last_fetched,
                entry.status,
                entry.last_error,
            )
        )
    for origin, owned in by_origin.items():
        if origin not in entries:
            chunks = sum(r.chunks for r in owned)
            rows.append(
                SourceInfo(origin, kind_of_origin(origin), len(owned), chunks, "", "ok", "")
            )
    return sorted(rows, key=lambda row: row.source)
