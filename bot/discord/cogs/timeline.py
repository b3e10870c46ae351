"""/timeline: a chart of a person's rumours over time, with the cited claims under it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import answers_here, summary_cooldown
from bot.discord.format import NO_MENTIONS
from bot.discord.timelines import chart_file, single_claim_embed, timeline_embed
from bot.timeline.service import MAX_NAME_CHARS

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)


class TimelineCog(commands.Cog):
    """The timeline command."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    @app_commands.command(name="timeline", description="A chart of a person's rumours over time")
    @app_commands.describe(person="A player or manager, e.g. Ben White")
    @summary_cooldown()
    @answers_here()
    async def timeline(
        self, interaction: discord.Interaction, person: app_commands.Range[str, 1, MAX_NAME_CHARS]
    ) -> None:
        """Defer, build the chart off the event loop, reply with it (or with the one claim)."""
        await interaction.response.defer(thinking=True)
        service = self.bot.services.timelines
        timeline = await self.bot.run_blocking(service.timeline, person)
        if not timeline.charted:
            await interaction.followup.send(
                embed=single_claim_embed(timeline), allowed_mentions=NO_MENTIONS
            )
            return
        image = await self.bot.run_blocking(service.chart, timeline)
        await interaction.followup.send(
            embed=timeline_embed(timeline), file=chart_file(image), allowed_mentions=NO_MENTIONS
        )


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(TimelineCog(cast("RumourBotBase", bot)))
