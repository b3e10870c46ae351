"""/summary: a short round-up of the latest moves, optionally about a topic and a period.

Without a topic it takes the channel's default topic (set with /config), if there is one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import answers_here, summary_cooldown
from bot.discord.format import NO_MENTIONS
from bot.discord.replies import quotes_button
from bot.discord.roundup import summary_embed

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)


class SummaryCog(commands.Cog):
    """The round-up command."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    @app_commands.command(name="summary", description="A round-up of the latest rumours")
    @app_commands.describe(
        topic="For example: Real Madrid manager (leave empty for the newest rumours)",
        days="Only articles from the last N days",
    )
    @summary_cooldown()
    @answers_here()
    async def summary(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 200] | None = None,
        days: app_commands.Range[int, 1, 3650] | None = None,
    ) -> None:
        """Defer at once, build the round-up off the event loop, reply with it and its quotes."""
        await interaction.response.defer(thinking=True)
        if topic is None:
            topic = (await self.bot.channel_config(interaction.channel)).summary_topic or None
        summary = await self.bot.summarize(topic, days)
        await interaction.followup.send(
            embed=summary_embed(summary),
            allowed_mentions=NO_MENTIONS,
            **await quotes_button(self.bot, summary),
        )


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(SummaryCog(cast("RumourBotBase", bot)))
