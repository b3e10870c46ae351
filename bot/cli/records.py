"""`rumour records` (outlets' track records) and `rumour timeline PERSON --out chart.png`."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import Command, add_json_flag, emit, positive_int
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the track-record and timeline commands; return their handlers by name."""
    records = sub.add_parser(
        "records", help="outlets' and journalists' track records, learnt from how moves ended"
    )
    records.add_argument(
        "--limit", type=positive_int, default=20, help="records to show (default 20)"
    )
    add_json_flag(records)

    timeline = sub.add_parser("timeline", help="chart a person's rumours over time as a PNG")
    timeline.add_argument("person", help='e.g. "Ben White"')
    timeline.add_argument(
        "--out", type=Path, default=Path("timeline.png"), help="where to write the chart"
    )
    add_json_flag(timeline)
    return {"records": cmd_records, "timeline": cmd_timeline}


def cmd_records(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Print the track records, most resolved moves first."""
    from bot.cli import render

    rows = services.records.records()[: args.limit]
    payload = {"records": [asdict(r) for r in rows]}
    emit(console, args, payload, lambda: render.show_records(console, rows))
    return 0


def cmd_timeline(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Write a person's timeline chart, or say the one claim there is."""
    from bot.cli import render

    timeline = services.timelines.timeline(args.person)
    written: Path | None = None
    if timeline.charted:
        try:
            args.out.write_bytes(services.timelines.chart(timeline))
        except OSError as exc:
            raise RumourError(f"Cannot write {args.out}: {exc.strerror}") from None
        written = args.out
    payload = {**timeline.to_json(), "chart": str(written) if written else None}
    emit(console, args, payload, lambda: render.show_timeline(console, timeline, written))
    return 0
