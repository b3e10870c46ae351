"""A small series of articles about one move, for the track-record, timeline and watch tests.

Sky Sports reports Arsenal's interest in Ben White, the Mirror Leeds's, the Daily Mail
Arsenal's bid; BBC Sport reports the completed signing and the Mirror echoes it days later.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Services

SERIES = [
    {
        "id": "white-interest",
        "title": "Arsenal eye White",
        "text": "Arsenal are interested in Brighton defender Ben White.",
        "source": "Sky Sports",
        "published": "2021-06-01",
    },
    {
        "id": "white-leeds",
        "title": "Leeds keen on White",
        "text": "Leeds are keen on Brighton defender Ben White.",
        "source": "Daily Mirror",
        "published": "2021-06-10",
    },
    {
        "id": "white-bid",
        "title": "Arsenal bid for White",
        "text": "Arsenal have made a £50m bid for Brighton defender Ben White.",
        "source": "Daily Mail",
        "published": "2021-06-20",
    },
    {
        "id": "white-done",
        "title": "White joins Arsenal",
        "text": "Arsenal have completed the signing of Ben White from Brighton.",
        "source": "BBC Sport",
        "published": "2021-07-30",
    },
    {
        "id": "white-echo",
        "title": "White: why Arsenal paid £50m",
        "text": "Arsenal have signed Ben White from Brighton.",
        "source": "Daily Mirror",
        "published": "2021-08-02",
    },
]


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    """Articles as a JSON Lines file."""
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def ingest_series(services: Services, folder: Path, articles: list[dict] = SERIES) -> None:
    """Ingest articles (the series by default) as a JSON Lines file in `folder`."""
    services.sources.ingest(jsonl=[write_jsonl(folder / "series.jsonl", articles)])
