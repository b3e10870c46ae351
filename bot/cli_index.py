"""CLI commands that change or list the index: ingest, sources."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bot import render
from bot.cli_common import Command, add_json_flag, emit
from bot.services import Services
from ingest.errors import RumourError
from ingest.index import sample_articles_path
from ingest.runner import ingest_files


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the index commands to the parser; return their handlers by name."""
    ingest = sub.add_parser("ingest", help="add articles from files or JSON Lines")
    ingest.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help=".txt, .md, .html or a folder"
    )
    ingest.add_argument(
        "--jsonl",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a JSON Lines file, one article per line (repeatable)",
    )
    ingest.add_argument("--samples", action="store_true", help="the bundled sample articles")
    add_json_flag(ingest)

    sources = sub.add_parser("sources", help="list sources with their article and chunk counts")
    add_json_flag(sources)
    return {"ingest": cmd_ingest, "sources": cmd_sources}


def cmd_ingest(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Ingest files, JSON Lines and (with --samples) the bundled articles."""
    jsonl = list(args.jsonl)
    if args.samples:
        jsonl.append(sample_articles_path())
    if not args.paths and not jsonl:
        raise RumourError("Nothing to ingest: give files, --jsonl FILE or --samples.")
    report = ingest_files(services.index, args.paths, jsonl, sample=args.samples)
    emit(console, args, report.to_json(), lambda: render.show_report(console, report))
    return 0 if report.ok else 1


def cmd_sources(services: Services, args: argparse.Namespace, console: Console) -> int:
    """List what the index was built from."""
    rows = render.source_rows(services.index.store.list_articles())
    emit(console, args, {"sources": rows}, lambda: render.show_sources(console, rows))
    return 0
