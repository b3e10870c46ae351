"""Posting an answer: its vote buttons, a thread for follow-ups, and what that thread remembers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

import discord

from bot.answering.answer import Answer
from bot.answering.summary import Summary
from bot.discord.format import fit
from bot.discord.views import answer_view, summary_view
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

THREAD_NAME_LIMIT = 100
THREAD_ARCHIVE_MINUTES: Literal[1440] = (
    1440  # a quiet thread archives after a day, as its context expires
)


async def vote_buttons(bot: RumourBotBase, answer: Answer) -> dict[str, Any]:
    """`view=` with 👍/👎 for the logged answer; no buttons when the answer cannot be logged."""
    try:
        answer_id = await bot.run_blocking(bot.services.feedback.log_answer, answer)
    except RumourError as exc:  # the answer matters more than its buttons
        log.warning("answer not logged, so it has no vote buttons: %s", exc)
        return {}
    return {"view": answer_view(answer_id)}


async def quotes_button(bot: RumourBotBase, summary: Summary) -> dict[str, Any]:
    """`view=` with "Show quotes" for the logged round-up; none when it has nothing to quote."""
    if not summary.citations:
        return {}
    try:
        summary_id = await bot.run_blocking(bot.services.feedback.log_summary, summary)
    except RumourError as exc:  # the round-up matters more than its quotes button
        log.warning("round-up not logged, so it has no quotes button: %s", exc)
        return {}
    return {"view": summary_view(summary_id)}


async def follow_up_in_thread(
    bot: RumourBotBase, channel: Any, message: discord.Message, question: str, at: float
) -> discord.Thread | None:
    """Let the answer's thread remember `question`, opening a thread on the answer if needed.

    Inside a thread the thread itself remembers it. Elsewhere a public thread is opened on the
    answer message; where threads cannot be made (no permission, a DM) the answer stands alone.
    """
    if isinstance(channel, discord.Thread):
        bot.threads.remember(channel.id, question, at)
        return channel
    if not isinstance(channel, discord.TextChannel):
        return None
    try:
        thread = await channel.create_thread(
            name=fit(question, THREAD_NAME_LIMIT),
            message=message,
            auto_archive_duration=THREAD_ARCHIVE_MINUTES,
        )
    except discord.Forbidden:
        log.info("no thread for the answer in channel %s: missing permission", channel.id)
        return None
    except discord.HTTPException as exc:
        log.warning("could not open a thread in channel %s: %s", channel.id, exc)
        return None
    bot.threads.remember(thread.id, question, at)
    return thread
