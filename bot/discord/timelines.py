"""/timeline in Discord: the chart attached to an embed, with the cited claims listed under it."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime

import discord

from bot.discord.format import (
    DESCRIPTION_LIMIT,
    embed_within_limits,
    fit,
    join_lines,
    plain,
    source_line,
)
from bot.timeline.chart import Point, Timeline

log = logging.getLogger(__name__)

CHART_FILE = "timeline.png"
_QUOTE_IN_LINE = 140


def timeline_embed(timeline: Timeline) -> discord.Embed:
    """The chart as the embed's image; how moves ended, then each claim, oldest first."""
    endings = [
        f"{'✅' if e.happened else '❌'} {plain(timeline.moves[e.move])}: {e.stage}, {_day(e.when)}"
        for e in timeline.endings
    ]
    claims = [claim_line(timeline, p) for p in timeline.points]
    notes = []
    if timeline.undated:
        notes.append(f"…and {len(timeline.undated)} undated claims, not on the chart")
    if timeline.left_out:
        notes.append(f"…and {timeline.left_out} more moves with fewer claims")
    embed = embed_within_limits(
        title=f"Timeline · {timeline.person}",
        description=join_lines([*endings, *claims, *notes], DESCRIPTION_LIMIT, "claims"),
        lines=[source_line(c) for c in timeline.citations],
        footer="one marker per claim · colour: outlet · shape: move · ★ how a move ended",
        colour=discord.Colour.blurple(),
    )
    embed.set_image(url=f"attachment://{CHART_FILE}")
    return embed


def single_claim_embed(timeline: Timeline) -> discord.Embed:
    """A person with a single claim: one line of text and its source, no chart."""
    return embed_within_limits(
        title=f"Timeline · {timeline.person}",
        description=plain(timeline.only_claim()),
        lines=[source_line(c) for c in timeline.citations],
        colour=discord.Colour.blurple(),
    )


def chart_file(image: bytes) -> discord.File:
    """The PNG as the attachment the embed shows."""
    return discord.File(io.BytesIO(image), filename=CHART_FILE)


def claim_line(timeline: Timeline, point: Point) -> str:
    """'**[1]** 2021-06-01 · Sky Sports · interest · to Arsenal: “…”'."""
    move = timeline.moves[point.move]
    quote = plain(fit(point.stored.claim.text, _QUOTE_IN_LINE))
    return (
        f"**[{point.n}]** {_day(point.when)} · {plain(fit(point.outlet, 60))} · {point.stage} · "
        f"{plain(move)}: “{quote}”"
    )


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).date().isoformat()
