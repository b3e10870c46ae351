"""Ingest runs over one kind of source each: files, an article URL, a feed.

Each run returns what it did: its own report (bad input reported per item) and, for a URL or a
feed, the source's registry entry as the run leaves it. It never touches what is stored for a
source it could not read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ingest.core.errors import SourceError
from ingest.core.schema import Article
from ingest.fetching.fetch import FEED_TYPES, Fetcher, FetchResult
from ingest.fetching.urls import loggable
from ingest.index.store import StoreWriter
from ingest.parsing.extract import article_from_page
from ingest.parsing.feeds import Feed, FeedEntry, entry_article, parse_feed
from ingest.parsing.loaders import Loaded, expand_paths, load_file, load_jsonl
from ingest.pipeline.ingestor import Ingestor
from ingest.pipeline.report import IngestReport
from ingest.sources.registry import SourceEntry

log = logging.getLogger(__name__)


class Watch(Protocol):
    """Told how a run over one source goes, as it goes (the progress shown to people)."""

    def reading(self, label: str) -> None:
        """An item is being read: a file, a JSON line, a feed entry."""

    def expect(self, articles: int) -> None:
        """The source turned out to hold this many articles (a feed, once it is read)."""

    def stored(self, articles: int) -> None:
        """This many more articles were handled: stored, or found unchanged."""


@dataclass(frozen=True)
class Outcome:
    """What one run over a URL or a feed did, and its registry entry as the run leaves it."""

    report: IngestReport
    entry: SourceEntry


def ingest_files(
    ingestor: Ingestor,
    paths: Iterable[Path] = (),
    jsonl: Iterable[Path] = (),
    *,
    sample: bool = False,
    watch: Watch | None = None,
) -> IngestReport:
    """Ingest text/Markdown/HTML files and JSON Lines files; bad items are reported, not fatal."""
    report = IngestReport()  # the items that could not be read, filled as they are met
    articles = _articles(_load_all(list(paths), list(jsonl), sample), report, watch)
    report.add(ingestor.ingest(articles, on_batch=watch.stored if watch else None))
    return report


def _load_all(paths: list[Path], jsonl: list[Path], sample: bool) -> Iterator[Loaded]:
    for item in expand_paths(paths):
        if isinstance(item, Loaded):
            yield item
            continue
        try:
            yield Loaded(str(item), article=load_file(item))
        except SourceError as exc:
            yield Loaded(str(item), error=exc)
        except Exception as exc:  # one unreadable file must not stop the others
            log.exception("unexpected error reading %s", item)
            yield Loaded(str(item), error=SourceError(str(item), unexpected(exc)))
    for path in jsonl:
        yield from load_jsonl(path, sample=sample)


def _articles(
    loaded: Iterator[Loaded], report: IngestReport, watch: Watch | None
) -> Iterator[Article]:
    for item in loaded:
        if watch:
            watch.reading(item.source)
        report.notes.extend(item.notes)
        if item.error is not None:
            log.debug("skipped %s", item.error)  # the report shows it: once is enough
            report.fail(item.error)
        elif item.article is not None:
            yield item.article


def is_feed(result: FetchResult) -> bool:
    """Whether a fetched URL served a feed rather than a page."""
    return result.content_type in FEED_TYPES


def ingest_url(
    ingestor: Ingestor, fetcher: Fetcher, entry: SourceEntry, *, fetched: FetchResult | None = None
) -> Outcome:
    """Fetch one article page (conditionally, when it is stored) and store its text if new."""
    result = fetched
    if result is None:
        stored = entry.article_id and ingestor.store.article_hashes([entry.article_id])
        # An article whose chunks are not all stored is fetched in full, and so repaired.
        if stored and ingestor.store.incomplete_articles([entry.article_id]):
            stored = {}
        result = fetcher.fetch(
            entry.source,
            kinds="html",
            etag=entry.etag if stored else None,
            last_modified=entry.last_modified if stored else None,
        )
    if result.status == 304:
        return Outcome(IngestReport(unchanged=1), entry)
    article = article_from_page(result, origin=entry.source)
    report = ingestor.ingest([article], syndication=True)
    stored_as = report.aliases.get(article.id, article.id)
    etag, modified = result.etag, result.last_modified
    return Outcome(report, replace(entry, article_id=stored_as, etag=etag, last_modified=modified))


def ingest_feed(
    ingestor: Ingestor,
    fetcher: Fetcher,
    entry: SourceEntry,
    *,
    max_entries: int,
    fetched: FetchResult | None = None,
    watch: Watch | None = None,
) -> Outcome:
    """Fetch a feed (one 304 when unchanged), then each new or changed entry's article page."""
    result = fetched
    if result is None:
        # No 304 while an article of the feed lacks chunks: its entry must be read again.
        broken = ingestor.store.incomplete_articles([seen["id"] for seen in entry.seen.values()])
        result = fetcher.fetch(
            entry.source,
            kinds="feed",
            etag=None if broken else entry.etag,
            last_modified=None if broken else entry.last_modified,
        )
    report = IngestReport()  # this feed's own, filled as its entries are read
    if result.status == 304:
        report.notes.append(f"{entry.source}: feed not modified since the last fetch")
        return Outcome(report, entry)
    feed = parse_feed(
        result.body,
        result.final_url,
        max_entries,
        content_type=result.content_type,
        charset=result.charset,
    )
    if feed.malformed:
        report.notes.append(f"{entry.source}: {feed.malformed}; read what could be parsed")
    if watch:
        watch.expect(len(feed.entries))
    if feed.capped:
        report.notes.append(
            f"{entry.source}: feed capped at {max_entries} entries (it has {feed.total}); "
            "raise RUMOUR_FEED_MAX_ENTRIES to read more"
        )
    produced: list[_Produced] = []  # every entry read this time, and the article it gave
    seen = _still_stored(ingestor.store, entry, feed, report)
    articles = _feed_articles(ingestor.store, fetcher, entry, feed, report, seen, produced, watch)
    report.add(
        ingestor.ingest(articles, syndication=True, on_batch=watch.stored if watch else None)
    )
    for done in produced:
        record = {"fp": done.item.fingerprint, "id": report.aliases.get(done.id, done.id)}
        seen[done.item.key] = record | ({"partial": "1"} if done.partial else {})
    # A failed entry, or one whose page failed, must be retried: no validators, so the next
    # fetch is a full one (a 304 would hide the entry until the feed itself changes).
    complete = report.failed == 0 and not any(done.partial for done in produced)
    return Outcome(
        report,
        replace(
            entry,
            title=feed.title,
            seen=seen,
            etag=result.etag if complete else None,
            last_modified=result.last_modified if complete else None,
        ),
    )


@dataclass(frozen=True)
class _Produced:
    item: FeedEntry
    id: str  # the article the entry is stored as
    partial: bool  # its page failed: the feed's text stands in, or the stored article was kept


def _still_stored(
    store: StoreWriter, entry: SourceEntry, feed: Feed, report: IngestReport
) -> dict[str, dict[str, str]]:
    """Entries unchanged since the last fetch whose article is still stored: nothing to fetch.

    An entry whose page failed last time is not among them: its page is tried again.
    """
    previous = {
        item.key: entry.seen[item.key]
        for item in feed.entries
        if item.key in entry.seen
        and entry.seen[item.key].get("fp") == item.fingerprint
        and not entry.seen[item.key].get("partial")
    }
    stored = store.article_hashes(sorted({p["id"] for p in previous.values()}))
    intact = stored.keys() - store.incomplete_articles(list(stored))  # others are read again
    unchanged = {key: p for key, p in previous.items() if p["id"] in intact}
    report.unchanged += len(unchanged)
    return unchanged


def _feed_articles(
    store: StoreWriter,
    fetcher: Fetcher,
    entry: SourceEntry,
    feed: Feed,
    report: IngestReport,
    seen: dict[str, dict[str, str]],
    produced: list[_Produced],
    watch: Watch | None,
) -> Iterator[Article]:
    """Each entry's article: from its page, else from the feed's own text for it."""
    excluded = set(entry.excluded)
    read: set[str] = set()  # a feed may list one story twice (links differing in tracking only)
    for number, item in enumerate(feed.entries, start=1):
        if item.key in seen or item.key in excluded or item.key in read:
            continue
        read.add(item.key)
        if watch:
            watch.reading(f"{entry.source} ({number}/{len(feed.entries)})")
        page, problem = _entry_page(fetcher, entry, feed, item)
        if page is not None:
            if page.id not in excluded:
                produced.append(_Produced(item, page.id, partial=False))
                yield page
            continue
        article = _fallback(store, entry, feed, item, problem, report, produced)
        if article is not None and article.id not in excluded:
            produced.append(_Produced(item, article.id, partial=True))
            yield article


def _entry_page(
    fetcher: Fetcher, entry: SourceEntry, feed: Feed, item: FeedEntry
) -> tuple[Article | None, str]:
    """The article on the entry's page, or None and why it could not be read."""
    if not item.link:
        return None, "the entry has no link"
    try:
        result = fetcher.fetch(item.link, kinds="html", via=entry.source)
        page = article_from_page(result, origin=entry.source, outlet=feed.title)
    except SourceError as exc:
        return None, exc.reason
    except Exception as exc:  # one entry's page must not stop the feed
        log.exception("unexpected error reading %s", loggable(item.link))
        return None, unexpected(exc)
    return _with_entry_metadata(page, item), ""


def _fallback(
    store: StoreWriter,
    entry: SourceEntry,
    feed: Feed,
    item: FeedEntry,
    problem: str,
    report: IngestReport,
    produced: list[_Produced],
) -> Article | None:
    """The feed's own text for an entry whose page failed, unless its article is stored.

    A stored article (read in full before, perhaps from another source) is kept as it is: a
    teaser never replaces it.
    """
    previous = entry.seen.get(item.key, {}).get("id", "")
    candidates = list(dict.fromkeys(c for c in (item.key, previous) if c))
    stored = store.article_hashes(candidates)
    held = next((c for c in candidates if c in stored), None)
    if held is not None:
        report.unchanged += 1
        report.notes.append(f"{item.key}: {problem}; kept the stored article")
        log.info("%s: %s; kept the stored article", loggable(item.key), problem)
        produced.append(_Produced(item, held, partial=True))
        return None
    fallback = entry_article(item, feed, origin=entry.source)
    if fallback is None:
        report.fail(
            SourceError(item.link or item.key, f"{problem}, and the feed entry has no text")
        )
        return None
    log.info("%s: %s; using the feed's text for it", loggable(item.key), problem)
    return fallback


def _with_entry_metadata(page: Article, item: FeedEntry) -> Article:
    """A page's article, with the entry's title, date and author where the page has none."""
    return replace(
        page,
        title=page.title or item.title,
        published=page.published or item.published,
        author=page.author or item.author,
    )


def unexpected(exc: Exception) -> str:
    """The reason recorded for an error nobody anticipated (the traceback goes to the log)."""
    detail = str(exc).strip()
    text = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return f"unexpected error ({text[:200]}); see the log"
