"""/sources for everyone; /ingest, /reingest and /forget for moderators."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import answers_here, moderator_only
from bot.discord.format import NO_MENTIONS, forget_text, report_embed, sources_embed
from bot.discord.progress import run_write_job

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)


class SourcesCog(commands.Cog):
    """What the bot knows, and the moderators' commands that change it."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    @app_commands.command(
        name="sources", description="What I know: sources, article counts and the last refresh"
    )
    @answers_here()
    async def sources(self, interaction: discord.Interaction) -> None:
        """List every source with its article count and last refresh."""
        await interaction.response.defer(thinking=True)
        rows = await self.bot.run_blocking(self.bot.services.sources.list)
        await interaction.followup.send(embed=sources_embed(rows), allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="ingest", description="Add an article URL or a feed (moderators)")
    @app_commands.describe(url="An article page, or an RSS/Atom feed to follow")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def ingest(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Fetch and store an article, or register a feed and store its entries."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        add = partial(self.bot.services.sources.add, url, wait=False)
        holder = f"An ingest started by {interaction.user.display_name}"
        report = await run_write_job(
            self.bot, holder, add, interaction=interaction, action="Ingesting"
        )
        self.bot.dispatch("rumour_ledger_changed")  # watches hear of what changed
        await self._finish(interaction, embed=report_embed(f"Ingested {url}", report))

    @app_commands.command(
        name="reingest", description="Refresh every source, or the one given (moderators)"
    )
    @app_commands.describe(source="A source URL, feed or file; leave empty for all of them")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def reingest(
        self,
        interaction: discord.Interaction,
        source: app_commands.Range[str, 1, 2000] | None = None,
    ) -> None:
        """Re-fetch sources, editing a progress message as it goes."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        refresh = partial(self.bot.services.sources.refresh, source, wait=False)
        holder = f"A re-ingest started by {interaction.user.display_name}"
        report = await run_write_job(
            self.bot, holder, refresh, interaction=interaction, action="Re-ingesting"
        )
        self.bot.dispatch("rumour_ledger_changed")
        title = f"Re-ingested {source}" if source else "Re-ingested every source"
        await self._finish(interaction, embed=report_embed(title, report))

    @app_commands.command(
        name="forget", description="Remove a source and its articles (moderators)"
    )
    @app_commands.describe(target="A source URL, feed or file, or an article id")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def forget(
        self, interaction: discord.Interaction, target: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Remove a source (or one article) with all of its chunks."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        forget = partial(self.bot.services.sources.forget, target, wait=False)
        holder = f"A /forget started by {interaction.user.display_name}"
        result = await run_write_job(self.bot, holder, forget)
        self.bot.dispatch("rumour_ledger_changed")
        await self._finish(interaction, content=forget_text(result))

    async def _finish(self, interaction: discord.Interaction, **reply: Any) -> None:
        """Replace the progress message with the outcome."""
        reply.setdefault("content", None)
        reply.setdefault("embed", None)
        await interaction.edit_original_response(allowed_mentions=NO_MENTIONS, **reply)


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(SourcesCog(cast("RumourBotBase", bot)))
