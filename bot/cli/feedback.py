"""`rumour feedback`: what fans made of the Discord answers, and which questions went unanswered."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.common import Command, add_json_flag, emit, positive_int

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the feedback command to the parser; return its handler by name."""
    feedback = sub.add_parser(
        "feedback", help="share of 👍, worst-rated questions, questions answered 'unknown' most"
    )
    feedback.add_argument(
        "--limit", type=positive_int, default=10, help="questions per list (default 10)"
    )
    add_json_flag(feedback)
    return {"feedback": cmd_feedback}


def cmd_feedback(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Report the votes on the bot's answers, from the data dir's database."""
    from bot.cli import render

    report = services.feedback.report(limit=args.limit)
    emit(console, args, report.to_json(), lambda: render.show_feedback(console, report))
    return 0
