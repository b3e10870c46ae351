"""The `rumour` command line: ingest, search, ask, sources (and the Discord bot)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.logging import RichHandler

from bot import render
from bot.services import Services
from ingest.errors import RumourError
from ingest.index import sample_articles_path
from ingest.runner import ingest_files
from ingest.settings import Settings, load_settings

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="rumour", description="Football-rumour answers, grounded in the articles you ingest."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    _json_flag(ingest)

    search = sub.add_parser("search", help="show the passages that best match a query")
    search.add_argument("query")
    search.add_argument("--k", type=_positive, default=5, help="how many results (default 5)")
    _json_flag(search)

    ask = sub.add_parser("ask", help="answer a question from the ingested articles")
    ask.add_argument("question")
    _json_flag(ask)

    sources = sub.add_parser("sources", help="list sources with their article and chunk counts")
    _json_flag(sources)
    return parser


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the documented JSON shape")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1 or number > 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
    return number


def cmd_ingest(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Ingest files, JSON Lines and (with --samples) the bundled articles."""
    jsonl = list(args.jsonl)
    if args.samples:
        jsonl.append(sample_articles_path())
    if not args.paths and not jsonl:
        raise RumourError("Nothing to ingest: give files, --jsonl FILE or --samples.")
    report = ingest_files(services.index, args.paths, jsonl, sample=args.samples)
    _emit(console, args, report.to_json(), lambda: render.show_report(console, report))
    return 0 if report.ok else 1


def cmd_search(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Print the best-matching passages."""
    hits = services.asker.search(args.query, args.k)
    payload = {
        "query": args.query,
        "results": [
            {
                "rank": rank,
                "article_id": h.chunk.article_id,
                "chunk_id": h.chunk.id,
                "title": h.chunk.title,
                "source": h.chunk.source,
                "url": h.chunk.url,
                "published": h.chunk.published,
                "text": h.chunk.text,
                "score": round(h.score, 6),
            }
            for rank, h in enumerate(hits, start=1)
        ],
    }
    _emit(console, args, payload, lambda: render.show_hits(console, args.query, hits))
    return 0


def cmd_ask(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Answer a question with citations and a verdict."""
    answer = services.asker.ask(args.question)
    _emit(console, args, answer.to_json(), lambda: render.show_answer(console, answer))
    return 0


def cmd_sources(services: Services, args: argparse.Namespace, console: Console) -> int:
    """List what the index was built from."""
    rows = render.source_rows(services.index.store.list_articles())
    _emit(console, args, {"sources": rows}, lambda: render.show_sources(console, rows))
    return 0


COMMANDS: dict[str, Callable[[Services, argparse.Namespace, Console], int]] = {
    "ingest": cmd_ingest,
    "search": cmd_search,
    "ask": cmd_ask,
    "sources": cmd_sources,
}


def _emit(
    console: Console, args: argparse.Namespace, payload: Any, human: Callable[[], None]
) -> None:
    if args.json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        human()


def _configure_logging(settings: Settings) -> None:
    handler = RichHandler(console=Console(stderr=True), show_path=False, rich_tracebacks=False)
    logging.basicConfig(level=settings.log_level, handlers=[handler], format="%(message)s")
    for noisy in ("httpx", "chromadb", "onnxruntime"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rumour` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    err = Console(stderr=True)
    try:
        settings = load_settings()
        _configure_logging(settings)
        services = Services.build(settings)
    except RumourError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    try:
        return COMMANDS[args.command](services, args, Console())
    except RumourError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 1
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except Exception:
        log.exception("unexpected error in %s", args.command)
        err.print("[red]error:[/] something unexpected went wrong; details are in the log above.")
        return 1
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main())
