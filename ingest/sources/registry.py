"""The source registry: every URL, feed and file added, with its fetch state, in the data dir."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ingest.core.errors import SourceError, StoreError
from ingest.fetching.urls import CanonicalUrl, canonical_url

log = logging.getLogger(__name__)

REGISTRY_FILE = "sources.json"
_VERSION = 1

SourceKind = Literal["url", "feed", "file", "jsonl"]
Status = Literal["ok", "error", "never"]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def now_iso() -> str:
    """The current UTC time as an ISO string to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class SourceEntry:
    """One registered source and what its last fetch did."""

    source: str  # canonical URL, or absolute path
    kind: SourceKind
    added: str = field(default_factory=now_iso)
    last_fetched: str = ""
    status: Status = "never"
    last_error: str = ""
    etag: str | None = None  # conditional-request validators, kept only after a full success
    last_modified: str | None = None
    title: str = ""  # a feed's own title
    article_id: str = ""  # url: the article the page is stored as (another's if syndicated)
    sample: bool = False  # jsonl: the bundled samples
    seen: dict[str, dict[str, str]] = field(default_factory=dict)  # feed: link -> fp, id
    excluded: list[str] = field(default_factory=list)  # feed: article ids forgotten by hand

    def succeeded(self) -> None:
        """Record a fetch that worked."""
        self.last_fetched, self.status, self.last_error = now_iso(), "ok", ""

    def failed(self, reason: str) -> None:
        """Record a fetch that failed, keeping what was stored before."""
        self.last_fetched, self.status, self.last_error = now_iso(), "error", reason

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceEntry:
        """An entry from its JSON form, ignoring fields this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class SourceRegistry:
    """Reads and atomically rewrites `sources.json`; callers hold the data-dir lock to write."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_dir(cls, data_dir: Path) -> SourceRegistry:
        """The registry kept in a data directory."""
        return cls(data_dir / REGISTRY_FILE)

    def load(self) -> dict[str, SourceEntry]:
        """Every registered source by key; empty when nothing was registered yet."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreError(
                f"Cannot read the source registry {self.path}: {exc.strerror}"
            ) from exc
        try:
            data = json.loads(raw)
            entries = [SourceEntry.from_json(item) for item in data["sources"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"The source registry {self.path} is damaged ({exc}); move it aside and run "
                "`rumour ingest` again for your URLs and feeds."
            ) from exc
        return {entry.source: entry for entry in entries}

    def save(self, entries: dict[str, SourceEntry]) -> None:
        """Write all entries at once: a crash leaves either the old file or the new one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": _VERSION,
            "sources": [asdict(entries[key]) for key in sorted(entries)],
        }
        fd, tmp = tempfile.mkstemp(prefix=".sources-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# Keys: how what a user types maps to a registered source ---------------------------------------


def looks_like_url(target: str) -> bool:
    """Whether a command-line target is a URL (anything with a scheme) rather than a path."""
    target = target.strip()
    try:
        if Path(target).exists():
            return False
    except OSError:  # a name too long to be a path (ENAMETOOLONG), say
        pass
    return bool(_SCHEME.match(target)) or target.lower().startswith("www.")


def url_key(url: str) -> CanonicalUrl:
    """The key of a URL source: its canonical form (refused as FetchRefusedError if unsafe)."""
    return canonical_url(url)


def spellings(target: str) -> list[str]:
    """What `target` may be stored as: itself, its canonical URL or its absolute path."""
    target = target.strip()
    found = [target]
    if looks_like_url(target):
        with suppress(SourceError):
            found.append(url_key(target))
    elif target:
        found.append(os.path.abspath(target))
    return found


def match_key(target: str, keys: Mapping[str, object]) -> str | None:
    """The first spelling of `target` that is a key of `keys`."""
    return next((c for c in spellings(target) if c in keys), None)


def kind_of_origin(origin: str) -> SourceKind:
    """The kind of a source known only from the articles' `origin` field."""
    if origin.startswith(("http://", "https://")):
        return "url"
    if origin.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "file"
