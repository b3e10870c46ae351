"""Watch alerts and digests in Discord: their embeds, the /watch list, and delivering them to a
channel or a fan's DMs."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord

from bot.alerts.changes import Alert, StageChange
from bot.alerts.service import DigestPost
from bot.alerts.store import Watch
from bot.answering.answer import Citation, Verdict
from bot.discord.format import (
    BADGES,
    DESCRIPTION_LIMIT,
    NO_MENTIONS,
    embed_within_limits,
    fit,
    join_lines,
    plain,
    source_line,
)

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

_QUOTE = 350


def alert_embed(alert: Alert, citation: Citation) -> discord.Embed:
    """'Ben White, to Arsenal' · 'Reported → Confirmed · bid → completed', the claim, its source."""
    now = alert.now
    label, colour = BADGES[now.verdict]
    change = _change(alert.before, now.verdict, now.stage)
    quote = plain(fit(now.lead.claim.text, _QUOTE))
    return embed_within_limits(
        author=f"👀 {label}",
        title=f"{now.move.person}, {now.move.label}",
        description=f"{change}\n> {quote} [{citation.n}]",
        lines=[source_line(citation)],
        footer=f"You watch {alert.watch.label} · /unwatch to stop",
        colour=colour,
    )


def _change(before: str | None, verdict: Verdict, stage: str) -> str:
    if before is None:
        return f"New: **{verdict.capitalize()}** · {stage}"
    old_verdict, _, old_stage = before.partition("/")
    parts = []
    if old_verdict != verdict:
        parts.append(f"**{old_verdict.capitalize()} → {verdict.capitalize()}**")
    else:
        parts.append(f"**{verdict.capitalize()}**")
    parts.append(f"{old_stage} → {stage}" if old_stage != stage else stage)
    return " · ".join(parts)


def digest_embed(post: DigestPost) -> discord.Embed:
    """The moves whose stage changed in the period, newest first, each with its citation."""
    every = post.digest.every
    if not post.changes:
        body = "No move changed stage in the articles of this period."
    else:
        body = join_lines(
            [digest_line(c, n) for n, c in enumerate(post.changes, 1)], DESCRIPTION_LIMIT, "moves"
        )
    return embed_within_limits(
        title=f"{every.capitalize()} digest · moves whose stage changed",
        description=body,
        lines=[source_line(c) for c in post.citations],
        footer=f"articles published {_day(post.since)} to {_day(post.until)} · newest first",
        colour=discord.Colour.blurple(),
    )


def digest_line(change: StageChange, n: int) -> str:
    """'🟡 **Ben White**, to Arsenal: interest → bid · “…” [1]'."""
    now = change.now
    emoji = BADGES[now.verdict][0].split(" ", 1)[0]
    stages = f"{change.before} → {now.stage}" if change.before else f"new, {now.stage}"
    quote = plain(fit(now.lead.claim.text, 120))
    return (
        f"{emoji} **{plain(now.move.person)}**, {plain(now.move.label)}: {stages} · “{quote}” [{n}]"
    )


def watches_embed(watches: Sequence[Watch], limits: tuple[int, int]) -> discord.Embed:
    """A fan's watches, each with where its alerts go."""
    lines = [
        f"• **{plain(w.label)}** ({w.kind}) → " + ("your DMs" if w.dm else f"<#{w.channel_id}>")
        for w in watches
    ]
    body = join_lines(lines, DESCRIPTION_LIMIT, "watches") if lines else "You watch nothing here."
    return embed_within_limits(
        title="Your watches",
        description=body,
        footer=f"{len(watches)} of {limits[0]} · /watch add · /unwatch",
        colour=discord.Colour.blurple(),
    )


async def deliver(bot: RumourBotBase, watch: Watch, embed: discord.Embed) -> bool | None:
    """Send an alert where its watch asked; True if sent, None if it never can be (no channel,
    no permission, DMs closed), False if Discord failed and it is worth trying again."""
    try:
        if watch.dm:
            user = bot.get_user(watch.user_id) or await bot.fetch_user(watch.user_id)
            await user.send(embed=embed, allowed_mentions=NO_MENTIONS)
        else:
            channel = bot.get_channel(watch.channel_id) or await bot.fetch_channel(watch.channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                return None
            # Named, never pinged: nothing the bot sends pings anyone (DMs notify instead).
            await channel.send(f"<@{watch.user_id}>", embed=embed, allowed_mentions=NO_MENTIONS)
    except (discord.Forbidden, discord.NotFound) as exc:
        log.info("alert for watch %s cannot be delivered: %s", watch.id, exc)
        return None
    except discord.HTTPException as exc:
        log.warning("alert for watch %s not delivered, will retry: %s", watch.id, exc)
        return False
    return True


async def post_digest(bot: RumourBotBase, post: DigestPost) -> bool | None:
    """Post a digest in its channel; same answers as `deliver`."""
    channel_id = post.digest.channel_id
    try:
        channel = bot.get_channel(channel_id) or await bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            return None
        await channel.send(embed=digest_embed(post), allowed_mentions=NO_MENTIONS)
    except (discord.Forbidden, discord.NotFound) as exc:
        log.info("digest for channel %s cannot be posted: %s", channel_id, exc)
        return None
    except discord.HTTPException as exc:
        log.warning("digest for channel %s not posted, will retry: %s", channel_id, exc)
        return False
    return True


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).date().isoformat()
