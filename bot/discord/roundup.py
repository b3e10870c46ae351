"""/summary in Discord: a short list of moves, one line each, with the quotes behind a button."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

import discord

from bot.answering.answer import Citation
from bot.answering.summary import Summary, SummaryItem
from bot.discord.format import (
    BADGES,
    DESCRIPTION_LIMIT,
    citation_url,
    embed_within_limits,
    fit,
    join_lines,
    link_url,
    outlet_label,
    plain,
    plural,
    source_line,
)

log = logging.getLogger(__name__)

SUMMARY_BUDGET = 950  # characters of the whole embed: the buttons come right after a glance
_TEXT_IN_LINE = 90
_LONGEST_LINE = 260  # beyond this a line drops its link (the quotes still have it)
_QUOTE_IN_LINE = 350


def summary_title(summary: Summary) -> str:
    """'Latest on Real Madrid manager (last 30 days)', or 'Latest rumours'."""
    title = f"Latest on {summary.topic}" if summary.topic else "Latest rumours"
    return title + (f" (last {summary.days} days)" if summary.days else "")


def summary_embed(summary: Summary) -> discord.Embed:
    """One line per move: its stage, what is said, who says it (linked) and when."""
    title = fit(summary_title(summary), 120)
    footer = f"{summary.generator} round-up · newest first"
    if summary.items:
        footer += " · the quotes are behind the button"
    by_number = {c.n: c for c in summary.citations}
    lines = [move_line(item, by_number) for item in summary.items]
    room = SUMMARY_BUDGET - len(title) - len(footer)
    if not lines:
        scope = f" about {summary.topic}" if summary.topic else ""
        window = f" in the last {summary.days} days" if summary.days else ""
        body = f"Nothing in the sources{scope}{window} yet."
    else:
        body = join_lines(lines, room, "moves")
    return embed_within_limits(
        title=title, description=body, footer=footer, colour=discord.Colour.blurple()
    )


def move_line(item: SummaryItem, citations: dict[int, Citation]) -> str:
    """'🟡 **Reported** · Harry Kane has told Tottenham… — [Sky Sports](…) +1, 2021-05-18'."""
    emoji, stage = BADGES[item.certainty][0].split(" ", 1)
    badge = f"{emoji} **{stage}**"
    text = plain(fit(item.text, _TEXT_IN_LINE))
    first = citations.get(item.citations[0]) if item.citations else None
    outlet, url = _outlet_and_link(item, first)
    others = len(item.citations) - 1
    more = f" +{others}" if others > 0 else ""
    date = f", {item.published[:10]}" if item.published else ""
    line = f"{badge} · {text}"
    linked = f"[{outlet}]({url})" if url else outlet
    if len(line) + len(linked) + len(more) + len(date) + 3 > _LONGEST_LINE:
        linked = outlet  # a very long link: the quotes behind the button still carry it
    return line + (f" — {linked}" if linked else "") + more + date


def _outlet_and_link(item: SummaryItem, first: Citation | None) -> tuple[str, str]:
    """Who the line credits, and its link: a gossip item's quoted outlet, else the article's."""
    if item.quoted_outlet:
        return plain(fit(outlet_label(item.quoted_outlet), 60)), link_url(item.quoted_url)
    if first is None:
        return "", ""
    url = citation_url(first)
    name = first.source or (urlsplit(url).hostname or "").removeprefix("www.")
    return plain(fit(name, 60)) or ("source" if url else ""), url


def quotes_embed(title: str, citations: Sequence[Citation]) -> discord.Embed:
    """The verbatim quotes behind a round-up, each under its numbered, linked source."""
    lines = [f"{source_line(c)}\n> {plain(fit(c.quote, _QUOTE_IN_LINE))}" for c in citations]
    body = join_lines(lines, DESCRIPTION_LIMIT, "quotes") if lines else "No quotes to show."
    return embed_within_limits(
        title=f"Quotes · {title}",
        description=body,
        footer=f"{plural(len(citations), 'source')} · quoted verbatim",
        colour=discord.Colour.blurple(),
    )
