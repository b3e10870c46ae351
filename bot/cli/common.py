"""Pieces every CLI command module shares: the handler type, --json and its output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services

# Nothing heavy is imported here: `rumour --help` loads every command module.
Command = Callable[["Services", argparse.Namespace, "Console"], int]


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """Add the --json switch that prints the documented JSON shape."""
    parser.add_argument("--json", action="store_true", help="print the documented JSON shape")


def whole_number(value: str) -> int:
    """`value` as an int, or an argparse error that says what was expected."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None


def positive_int(value: str) -> int:
    """An argparse type for counts between 1 and 100."""
    number = whole_number(value)
    if number < 1 or number > 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
    return number


def emit(
    console: Console, args: argparse.Namespace, payload: Any, human: Callable[[], None]
) -> None:
    """Print `payload` as JSON with --json, else call the human renderer."""
    if args.json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        human()
