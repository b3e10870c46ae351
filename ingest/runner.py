"""Ingest runs over files: load, report bad input per source, and store the rest."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ingest.errors import SourceError
from ingest.index import Index
from ingest.loaders import Loaded, expand_paths, load_file, load_jsonl
from ingest.pipeline import IngestReport
from ingest.schema import Article

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def ingest_files(
    index: Index,
    paths: Iterable[Path] = (),
    jsonl: Iterable[Path] = (),
    *,
    sample: bool = False,
    report: IngestReport | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest text/Markdown/HTML files and JSON Lines files; bad items are reported, not fatal."""
    report = report or IngestReport()
    articles = _articles(_load_all(list(paths), list(jsonl), sample), report, progress)
    return index.ingestor.ingest(articles, report)


def _load_all(paths: list[Path], jsonl: list[Path], sample: bool) -> Iterator[Loaded]:
    for item in expand_paths(paths):
        if isinstance(item, Loaded):
            yield item
            continue
        try:
            yield Loaded(str(item), article=load_file(item))
        except SourceError as exc:
            yield Loaded(str(item), error=exc)
    for path in jsonl:
        yield from load_jsonl(path, sample=sample)


def _articles(
    loaded: Iterator[Loaded], report: IngestReport, progress: Progress | None
) -> Iterator[Article]:
    for item in loaded:
        if progress:
            progress(item.source)
        if item.error is not None:
            log.warning("skipped %s", item.error)
            report.fail(item.error)
        elif item.article is not None:
            yield item.article
