"""CLI commands that change or list the index: ingest, refresh, forget, sources."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import Command, add_json_flag, emit
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services
    from ingest.pipeline.report import IngestReport
    from ingest.sources.service import Progress as ProgressCallback
    from ingest.sources.service import Step


class _IntermixedParser(argparse.ArgumentParser):
    """Lets targets and options come in any order: `ingest URL --feed FEED URL2`."""

    _inner = False

    def parse_known_args(self, args=None, namespace=None):
        """Parse as `parse_known_intermixed_args` does (which calls back here for each pass)."""
        if self._inner:
            return super().parse_known_args(args, namespace)
        self._inner = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inner = False


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the index commands to the parser; return their handlers by name."""
    default_class, sub._parser_class = sub._parser_class, _IntermixedParser
    try:
        ingest = sub.add_parser("ingest", help="add articles from URLs, feeds, files or JSON Lines")
    finally:
        sub._parser_class = default_class
    ingest.add_argument(
        "targets",
        nargs="*",
        metavar="PATH_OR_URL",
        help="an article URL (a feed URL is detected), or a .txt, .md, .html file or folder",
    )
    ingest.add_argument(
        "--jsonl",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a JSON Lines file, one article per line (repeatable)",
    )
    ingest.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="register an RSS or Atom feed and ingest its entries (repeatable)",
    )
    ingest.add_argument("--samples", action="store_true", help="the bundled sample articles")
    add_json_flag(ingest)

    refresh = sub.add_parser("refresh", help="re-ingest every registered source, or one")
    refresh.add_argument("source", nargs="?", metavar="SOURCE", help="a URL, feed or file")
    add_json_flag(refresh)

    forget = sub.add_parser("forget", help="remove a source or an article and all of its chunks")
    forget.add_argument("target", metavar="TARGET", help="a URL, article id, feed or file")
    add_json_flag(forget)

    sources = sub.add_parser("sources", help="list sources with their article and chunk counts")
    add_json_flag(sources)
    return {
        "ingest": cmd_ingest,
        "refresh": cmd_refresh,
        "forget": cmd_forget,
        "sources": cmd_sources,
    }


def cmd_ingest(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Ingest URLs, feeds, files, JSON Lines and (with --samples) the bundled articles."""
    if not (args.targets or args.jsonl or args.feed or args.samples):
        raise RumourError(
            "Nothing to ingest: give URLs, files, --feed URL, --jsonl FILE or --samples."
        )
    _say_when_waiting(services)
    with _progress(console, args) as progress:
        report = services.sources.ingest(
            args.targets, feeds=args.feed, jsonl=args.jsonl, samples=args.samples, progress=progress
        )
    return _finish(console, args, report)


def cmd_refresh(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Re-ingest every registered source, or the one named."""
    _say_when_waiting(services)
    with _progress(console, args) as progress:
        report = services.sources.refresh(args.source, progress=progress)
    return _finish(console, args, report)


def cmd_forget(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Remove a source or an article, with its chunks."""
    _say_when_waiting(services)
    result = services.sources.forget(args.target)
    from bot.cli import render

    emit(console, args, asdict(result), lambda: render.show_forget(console, result))
    return 0


def cmd_sources(services: Services, args: argparse.Namespace, console: Console) -> int:
    """List what the index was built from."""
    rows = [asdict(info) for info in services.sources.list()]
    from bot.cli import render

    emit(console, args, {"sources": rows}, lambda: render.show_sources(console, rows))
    return 0


def _finish(console: Console, args: argparse.Namespace, report: IngestReport) -> int:
    from bot.cli import render

    emit(console, args, report.to_json(), lambda: render.show_report(console, report))
    return 0 if report.ok else 1


def _say_when_waiting(services: Services) -> None:
    """Tell the user on stderr when another ingest holds the data directory."""
    from rich.console import Console

    err = Console(stderr=True)
    services.sources.on_wait = lambda message: err.print(f"[yellow]{message}…[/]")


@contextmanager
def _progress(console: Console, args: argparse.Namespace) -> Iterator[ProgressCallback | None]:
    """A bar of articles done, with a time estimate, on a terminal and without --json only."""
    if args.json or not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from bot.cli import render

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles ·"),
        TimeRemainingColumn(),
        TextColumn("left ·"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("starting", total=None)

    def update(step: Step) -> None:
        if not bar.live.is_started:
            bar.start()
        bar.update(
            task,
            completed=step.articles_done,
            total=step.articles_total,
            description=render.step_label(step),
        )

    try:
        yield update
    finally:
        bar.stop()
