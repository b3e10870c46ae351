"""The `rumour` command line: parse, build the services once, run a command, report errors.

The command modules import only argparse at the top, so `rumour --help` starts quickly; each
command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli import answers, discord_bot, feedback, index, records
from bot.cli.common import Command
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from ingest.core.settings import Settings

log = logging.getLogger(__name__)

_COMMAND_MODULES = (index, answers, records, feedback, discord_bot)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    """The argument parser for every subcommand, and the handlers by command name."""
    parser = argparse.ArgumentParser(
        prog="rumour", description="Football-rumour answers, grounded in the articles you ingest."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    handlers: dict[str, Command] = {}
    for module in _COMMAND_MODULES:
        handlers.update(module.register(sub))
    return parser, handlers


def _configure_logging(settings: Settings) -> None:
    from rich.console import Console
    from rich.logging import RichHandler

    handler = RichHandler(console=Console(stderr=True), show_path=False, rich_tracebacks=False)
    logging.basicConfig(level=settings.log_level, handlers=[handler], format="%(message)s")
    for noisy in ("httpx", "httpcore", "chromadb", "onnxruntime", "bm25s", "openai", "trafilatura"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rumour` console script; returns the exit status."""
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    from rich.console import Console
    from rich.markup import escape

    from bot.app import Services
    from ingest.core.settings import load_settings

    err = Console(stderr=True, emoji=False)  # ':b:' in an error stays as it is written
    try:
        settings = load_settings()
        _configure_logging(settings)
        services = Services.build(settings)
    except RumourError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    try:
        return handlers[args.command](services, args, Console())
    except RumourError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
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
