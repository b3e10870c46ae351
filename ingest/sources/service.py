"""The sources moderators add (URLs, feeds, files): ingest, refresh, list and forget them.

Every write holds the data-dir lock, and the first write after an interrupted one sweeps up
what it left. A source is registered once it has been read successfully; after that a failed
fetch only records its error, and what was stored for it stays as it was.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ingest.core.db import Database
from ingest.core.errors import NotFoundError, RumourError, SourceError
from ingest.core.settings import Settings
from ingest.fetching.fetch import Fetcher
from ingest.fetching.urls import loggable
from ingest.index.opening import Index
from ingest.ledger.writer import LedgerWriter
from ingest.parsing.loaders import count_records, folder_files, is_dir, sample_articles_path
from ingest.pipeline.ingestor import Ingestor
from ingest.pipeline.report import IngestReport
from ingest.sources.forgetting import (
    ForgetResult,
    drop_alias,
    exclude_from_feeds,
    plan_forget,
    reassign,
)
from ingest.sources.listing import SourceInfo, list_sources
from ingest.sources.locking import DataDirLock
from ingest.sources.progress import Progress, Step, Tracker
from ingest.sources.registry import (
    SourceEntry,
    SourceRegistry,
    looks_like_url,
    match_key,
    spellings,
    url_key,
)
from ingest.sources.runner import (
    Outcome,
    ingest_feed,
    ingest_files,
    ingest_url,
    is_feed,
    unexpected,
)

__all__ = ["ForgetResult", "JobKind", "Progress", "SourceInfo", "SourceService", "Step"]

log = logging.getLogger(__name__)

JobKind = Literal["url", "feed", "auto", "file", "jsonl"]


@dataclass(frozen=True)
class _Job:
    kind: JobKind
    target: str
    sample: bool = False


class SourceService:
    """Adds, refreshes, lists and forgets sources; the CLI and the Discord bot share one."""

    def __init__(
        self,
        index: Index,
        fetcher: Fetcher,
        registry: SourceRegistry,
        settings: Settings,
        *,
        on_wait: Callable[[str], None] | None = None,
        database: Database | None = None,
    ) -> None:
        self.index = index
        self.ledger = LedgerWriter(database or Database.in_dir(settings.data_dir))
        self._lock = DataDirLock(settings.data_dir)
        # The only writer (reads go to index.reader); it journals what it is about to change.
        self.ingestor = Ingestor.for_index(index, self.ledger, journal=self._lock.record)
        self.store = self.ingestor.store
        self.fetcher = fetcher
        self.registry = registry
        self.settings = settings
        self.on_wait = on_wait  # told "waiting for another ingest to finish"; logged when None

    # -- writing ----------------------------------------------------------------------------

    def ingest(
        self,
        targets: Sequence[str] = (),
        *,
        feeds: Sequence[str] = (),
        jsonl: Sequence[str | Path] = (),
        samples: bool = False,
        progress: Progress | None = None,
        wait: bool = True,
    ) -> IngestReport:
        """A batch: URLs (pages or feeds) and paths, feed URLs, JSON Lines files, the samples."""
        jobs: list[_Job] = []
        skipped: list[str] = []  # links that lead out of a folder given
        for target in targets:
            found, notes = _jobs_for(target)
            jobs += found
            skipped += notes
        jobs += [_Job("feed", url) for url in feeds]
        jobs += [_Job("jsonl", os.path.abspath(path)) for path in jsonl]
        if samples:
            jobs.append(_Job("jsonl", str(sample_articles_path()), sample=True))
        with self._writing(wait):
            report = self._run(jobs, progress)
        report.notes[:0] = skipped
        return report

    def add(
        self,
        target: str,
        *,
        feed: bool | None = None,
        progress: Progress | None = None,
        wait: bool = True,
    ) -> IngestReport:
        """Ingest an article URL or register a feed (`feed=None`: whichever the URL serves)."""
        kind: JobKind = "auto" if feed is None else "feed" if feed else "url"
        with self._writing(wait):
            return self._run([_Job(kind, target)], progress)

    def refresh(
        self, source: str | None = None, progress: Progress | None = None, *, wait: bool = True
    ) -> IngestReport:
        """Re-ingest every registered source, or the one `source` names."""
        with self._writing(wait):
            entries = self.registry.load()
            keys = sorted(entries) if source is None else [self._source_for(source, entries)]
            return self._run([_Job(entries[k].kind, k, entries[k].sample) for k in keys], progress)

    def refresh_feeds(self, progress: Progress | None = None, *, wait: bool = True) -> IngestReport:
        """Re-ingest every registered feed (the scheduled refresh)."""
        with self._writing(wait):
            entries = self.registry.load()
            jobs = [_Job("feed", k) for k in sorted(entries) if entries[k].kind == "feed"]
            return self._run(jobs, progress)

    def forget(self, target: str, *, wait: bool = True) -> ForgetResult:
        """Remove a source (URL, feed or file) or one article, with all of their chunks.

        Articles another registered source still holds stay, and pass to that source.
        """
        with self._writing(wait):
            entries = self.registry.load()
            records = {r.id: r for r in self.store.list_articles()}
            plan = plan_forget(target, entries, records)
            chunks = sum(self.ingestor.forget(r.id) for r in plan.doomed)
            for record, owner in plan.kept:
                reassign(self.store, record, owner)
            for record in plan.aliased:
                drop_alias(self.store, record, plan.key)
            exclude_from_feeds(entries, plan.doomed)  # no feed may bring them back
            self.registry.save(entries)
            log.info(
                "forgot %s: %d articles, %d chunks (%d kept for other sources)",
                loggable(plan.key),
                len(plan.doomed),
                chunks,
                len(plan.kept),
            )
            return ForgetResult(plan.key, len(plan.doomed), chunks)

    def sync_claims(self) -> None:
        """Read the claims of stored articles the ledger lacks (written by another host)."""
        self.ledger.sync(self.index.reader)

    # -- internals --------------------------------------------------------------------------

    @contextmanager
    def _writing(self, wait: bool) -> Iterator[None]:
        hold = self._lock.hold(wait=wait, on_wait=self.on_wait, clean_on=(NotFoundError,))
        with hold as unfinished, self.store.updating():  # the lexical index is saved once
            if unfinished:
                self.ingestor.sweep(unfinished)
            yield
            # Keep the claim ledger level with the store (another process may share it).
            self.ledger.sync(self.index.reader)

    def _run(self, jobs: list[_Job], progress: Progress | None) -> IngestReport:
        report = IngestReport()
        entries = self.registry.load()
        # Counting a JSON Lines file's lines costs a read: only when someone watches.
        tracker = Tracker(progress, [_expected(job) if progress else None for job in jobs])
        for done, job in enumerate(jobs):
            tracker.begin(done, job.target)
            before = report.counts()
            self._run_job(job, entries, report, tracker)
            report.sources.append(report.tally_since(job.target, before))
            tracker.end()
            self.registry.save(entries)  # after each source, so a crash loses at most one
        tracker.finish()
        return report

    def _run_job(
        self,
        job: _Job,
        entries: dict[str, SourceEntry],
        report: IngestReport,
        watch: Tracker,
    ) -> None:
        """Run one source and record its outcome; a failed source changes nothing stored."""
        try:
            key = _key(job)
        except SourceError as exc:
            report.fail(exc)
            return
        existing = entries.get(key)
        kind = existing.kind if existing and job.kind == "auto" else job.kind
        # The key is the source's canonical form: fetching it costs no second canonicalisation.
        entry = replace(existing, source=key) if existing else SourceEntry(key, "url")
        if kind != "auto":
            entry.kind = kind
        entry.sample = entry.sample or job.sample
        try:
            if kind in ("url", "feed", "auto"):
                outcome = self._run_web(kind, entry, watch)
                done, entry = outcome.report, outcome.entry
            elif kind == "file":
                done = ingest_files(self.ingestor, [Path(key)], watch=watch)
            else:
                done = ingest_files(
                    self.ingestor, jsonl=[Path(key)], sample=entry.sample, watch=watch
                )
        except SourceError as exc:
            report.fail(exc)
            if existing:
                existing.failed(exc.reason)
            return
        except Exception as exc:  # one source's failure, whatever it is, must not stop the batch
            self._failed_unexpectedly(key, exc, existing, report)
            return
        report.add(done)
        errors = done.errors
        if kind in ("file", "jsonl") and any(source == key for source, _ in errors):
            if existing:  # the file itself could not be read
                existing.failed(next(reason for source, reason in errors if source == key))
            return
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            entry.failed(f"{errors[0][0]}: {errors[0][1]}{more}")
        else:
            entry.succeeded()
        entries[key] = entry
        if entry.kind == "url" and entry.article_id:
            for other in entries.values():  # added by hand: feeds may carry it again
                if entry.article_id in other.excluded:
                    other.excluded.remove(entry.article_id)

    def _failed_unexpectedly(
        self, key: str, exc: Exception, existing: SourceEntry | None, report: IngestReport
    ) -> None:
        """Report an error other than a SourceError as this source's, and repair the index."""
        if isinstance(exc, RumourError):
            log.debug("%s failed: %s", loggable(key), exc)  # the report shows it
            reason = str(exc)
        else:
            log.error("unexpected error ingesting %s", loggable(key), exc_info=exc)
            reason = unexpected(exc)
        report.fail(SourceError(key, reason))
        if existing:
            existing.failed(reason)
        self.ingestor.sweep(self._lock.journaled())  # its write may have stopped part-way

    def _run_web(self, kind: JobKind, entry: SourceEntry, watch: Tracker) -> Outcome:
        fetched = None
        if kind == "auto":
            fetched = self.fetcher.fetch(entry.source, kinds="any")
            kind = "feed" if is_feed(fetched) else "url"
            entry = replace(entry, kind=kind)
        if kind == "feed":
            return ingest_feed(
                self.ingestor,
                self.fetcher,
                entry,
                max_entries=self.settings.feed_max_entries,
                fetched=fetched,
                watch=watch,
            )
        return ingest_url(self.ingestor, self.fetcher, entry, fetched=fetched)

    def _source_for(self, target: str, entries: dict[str, SourceEntry]) -> str:
        """The registered source `target` names (itself, or an article it brought in)."""
        key = match_key(target, entries)
        for candidate in spellings(target) if key is None else []:
            article = self.store.get_article(candidate)
            if article is not None and article.origin in entries:
                key = article.origin
                break
        if key is None:
            raise NotFoundError(
                f"No source matches {target!r}; `rumour sources` lists the registered sources."
            )
        return key

    # -- reading ----------------------------------------------------------------------------

    def list(self) -> list[SourceInfo]:
        """Every source, registered or only seen in the index, with article and chunk counts."""
        entries = self.registry.load()
        records = self.index.reader.list_articles()
        return list_sources(entries, records)


def _jobs_for(target: str) -> tuple[list[_Job], list[str]]:
    """A command-line target as jobs: a URL, one file, or the supported files of a folder.

    Links in a folder that lead out of it are skipped, each with a note saying so.
    """
    if looks_like_url(target):
        return [_Job("auto", target)], []
    path = Path(target)
    if is_dir(path):
        found, skipped = folder_files(path)
        if found:
            return [_Job("file", os.path.abspath(p)) for p in found], skipped
    return [_Job("file", os.path.abspath(path))], []  # a folder with nothing to read says so


def _expected(job: _Job) -> int | None:
    """How many articles a source holds, where that is known before reading it."""
    if job.kind == "feed":
        return None  # known once the feed is read
    if job.kind == "jsonl":
        return count_records(Path(job.target))
    return 1  # a page, or one file


def _key(job: _Job) -> str:
    """The registry key: the canonical URL, or the absolute path."""
    return url_key(job.target) if job.kind in ("url", "feed", "auto") else job.target
