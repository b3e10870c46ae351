"""The buttons under answers and round-ups: 👍/👎 (👎 asks what was wrong) and "Show quotes".

They are persistent: each button's custom id carries the logged answer's id, and the bot
registers these classes as dynamic items, so a click still works after a restart.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.discord.checks import rumour_bot
from bot.discord.errors import reply_ephemeral, unexpected
from bot.discord.format import NO_MENTIONS
from bot.discord.roundup import quotes_embed
from bot.feedback.store import MAX_COMMENT_CHARS, VoteResult
from ingest.core.errors import NotFoundError, RumourError

log = logging.getLogger(__name__)

_ID = r"(?P<answer>[0-9a-f]{16})"
_THANKS = {
    VoteResult.RECORDED: "Thanks: your 👍 is counted.",
    VoteResult.CHANGED: "Changed your vote to 👍.",
    VoteResult.UNCHANGED: "Your 👍 was already counted.",
}


def answer_view(answer_id: str) -> discord.ui.View:
    """👍 and 👎 for a logged answer."""
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(answer_id, up=True))
    view.add_item(VoteButton(answer_id, up=False))
    return view


def summary_view(summary_id: str) -> discord.ui.View:
    """'Show quotes' for a logged round-up."""
    view = discord.ui.View(timeout=None)
    view.add_item(QuotesButton(summary_id))
    return view


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"rumour:vote:(?P<vote>up|down):{_ID}",
):
    """👍 or 👎 on one answer: one vote per user, a second click changes it."""

    def __init__(self, answer_id: str, *, up: bool) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if up else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"rumour:vote:{'up' if up else 'down'}:{answer_id}",
            )
        )
        self.answer_id = answer_id
        self.up = up

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        """Rebuild the button from a click's custom id (after a restart too)."""
        return cls(match["answer"], up=match["vote"] == "up")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Record the vote; a 👎 then asks what was wrong."""
        bot = rumour_bot(interaction)
        feedback = bot.services.feedback
        try:
            result = await bot.run_blocking(
                feedback.vote, self.answer_id, interaction.user.id, up=self.up
            )
        except RumourError as exc:
            await reply_ephemeral(interaction, str(exc))
            return
        except Exception as exc:  # the buttons' own error path: logged with a reference
            await reply_ephemeral(interaction, unexpected(exc, "a vote"))
            return
        log.info("vote %s on %s: %s", "up" if self.up else "down", self.answer_id, result)
        if self.up:
            await reply_ephemeral(interaction, _THANKS[result])
        else:
            await interaction.response.send_modal(WhatWasWrong(self.answer_id))


class WhatWasWrong(discord.ui.Modal, title="What was wrong?"):
    """The optional note a 👎 can carry; the vote itself is already counted."""

    note: discord.ui.TextInput[WhatWasWrong] = discord.ui.TextInput(
        label="What was wrong? (optional)",
        custom_id="note",
        style=discord.TextStyle.paragraph,
        placeholder="Wrong verdict, an old story, a missing source…",
        required=False,
        max_length=MAX_COMMENT_CHARS,
    )

    def __init__(self, answer_id: str) -> None:
        super().__init__(custom_id=f"rumour:wrong:{answer_id}", timeout=900)
        self.answer_id = answer_id

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        """Keep the note with the 👎."""
        text = self.note.value.strip()
        if text:
            bot = rumour_bot(interaction)
            try:
                await bot.run_blocking(
                    bot.services.feedback.comment, self.answer_id, interaction.user.id, text
                )
            except RumourError as exc:
                await reply_ephemeral(interaction, str(exc))
                return
        thanks = "Thanks: your 👎 is counted"
        await reply_ephemeral(interaction, thanks + (", with your note." if text else "."))

    async def on_error(  # type: ignore[override]  # a Modal is told no item
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        """Unexpected errors get a reference, as everywhere else."""
        await reply_ephemeral(interaction, unexpected(error, "the 👎 note"))


class QuotesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"rumour:quotes:{_ID}"
):
    """Shows the verbatim quotes behind a round-up, to the one who asks."""

    def __init__(self, summary_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show quotes",
                emoji="💬",
                style=discord.ButtonStyle.secondary,
                custom_id=f"rumour:quotes:{summary_id}",
            )
        )
        self.summary_id = summary_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> QuotesButton:
        """Rebuild the button from a click's custom id (after a restart too)."""
        return cls(match["answer"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """An ephemeral embed with the round-up's quotes and their links."""
        bot = rumour_bot(interaction)
        try:
            logged = await bot.run_blocking(bot.services.feedback.get, self.summary_id)
            if logged is None:
                raise NotFoundError("That round-up is no longer stored; run /summary again.")
        except RumourError as exc:
            await reply_ephemeral(interaction, str(exc))
            return
        except Exception as exc:
            await reply_ephemeral(interaction, unexpected(exc, "Show quotes"))
            return
        title = f"Latest on {logged.question}" if logged.question else "Latest rumours"
        await interaction.response.send_message(
            embed=quotes_embed(title, logged.citations),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
