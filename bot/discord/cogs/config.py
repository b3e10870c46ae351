"""/config for moderators: what the bot answers in a channel, and its default /summary topic."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.alerts.service import MAX_LIMIT
from bot.alerts.store import Digest, Every
from bot.channels.settings import Answers, ChannelConfig
from bot.discord.checks import moderator_only
from bot.discord.format import (
    DESCRIPTION_LIMIT,
    NO_MENTIONS,
    content,
    embed_within_limits,
    fit,
    join_lines,
    plain,
)

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

ANSWER_CHOICES = [app_commands.Choice(name=a.label, value=str(a)) for a in Answers]
DIGEST_CHOICES = [
    app_commands.Choice(name="daily", value=str(Every.DAILY)),
    app_commands.Choice(name="weekly", value=str(Every.WEEKLY)),
    app_commands.Choice(name="off", value="off"),
]
ConfigurableChannel = discord.TextChannel | discord.Thread


class ConfigCog(commands.Cog):
    """Per-channel settings, stored in the data dir's database."""

    config = app_commands.Group(
        name="config",
        description="Per-channel settings (moderators)",
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    @config.command(name="answers", description="What I answer in a channel (moderators)")
    @app_commands.describe(
        mode="Mentions and slash commands, slash commands only, or nothing",
        channel="The channel to set; this one when left empty",
    )
    @app_commands.choices(mode=ANSWER_CHOICES)
    @moderator_only()
    async def answers(
        self,
        interaction: discord.Interaction,
        mode: app_commands.Choice[str],
        channel: ConfigurableChannel | None = None,
    ) -> None:
        """Choose whether the bot answers mentions, slash commands only, or nothing."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, channel_id = _target(interaction, channel)
        change = partial(self.bot.services.channels.set_answers, guild_id, channel_id)
        config = await self.bot.run_blocking(change, Answers(mode.value))
        await _reply(interaction, "Saved", [config])

    @config.command(name="summary-topic", description="A channel's default /summary topic")
    @app_commands.describe(
        topic="For example: Real Madrid manager; leave empty to clear it",
        channel="The channel to set; this one when left empty",
    )
    @moderator_only()
    async def summary_topic(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 200] | None = None,
        channel: ConfigurableChannel | None = None,
    ) -> None:
        """Set or clear the topic /summary uses here when none is given."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, channel_id = _target(interaction, channel)
        change = partial(self.bot.services.channels.set_summary_topic, guild_id, channel_id)
        config = await self.bot.run_blocking(change, topic)
        await _reply(interaction, "Saved", [config])

    @config.command(name="digest", description="A daily or weekly digest of the moves that changed")
    @app_commands.describe(
        every="daily, weekly, or off",
        channel="The channel to post it in; this one when left empty",
    )
    @app_commands.choices(every=DIGEST_CHOICES)
    @moderator_only()
    async def digest(
        self,
        interaction: discord.Interaction,
        every: app_commands.Choice[str],
        channel: ConfigurableChannel | None = None,
    ) -> None:
        """Schedule or stop a channel's digest of the moves whose stage changed."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, channel_id = _target(interaction, channel)
        chosen = None if every.value == "off" else Every(every.value)
        change = partial(self.bot.services.alerts.set_digest, guild_id, channel_id)
        digest = await self.bot.run_blocking(change, chosen)
        await interaction.followup.send(
            content(f"<#{channel_id}>: {digest_text(digest)}."),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @config.command(
        name="watch-limits", description="How many /watch a fan and the server may keep"
    )
    @app_commands.describe(per_user="Watches per fan", per_server="Watches in the whole server")
    @moderator_only()
    async def watch_limits(
        self,
        interaction: discord.Interaction,
        per_user: app_commands.Range[int, 1, MAX_LIMIT],
        per_server: app_commands.Range[int, 1, MAX_LIMIT],
    ) -> None:
        """Cap the watches per fan and per server."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        change = partial(self.bot.services.alerts.set_limits, interaction.guild_id or 0)
        mine, everyone = await self.bot.run_blocking(change, per_user, per_server)
        await interaction.followup.send(
            content(f"Saved: {mine} watches per fan, {everyone} in this server."),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @config.command(name="show", description="This channel's settings, and every changed channel")
    @app_commands.describe(channel="The channel to show; this one when left empty")
    @moderator_only()
    async def show(
        self, interaction: discord.Interaction, channel: ConfigurableChannel | None = None
    ) -> None:
        """The settings of a channel, then of the server's other configured channels."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, channel_id = _target(interaction, channel)
        channels = self.bot.services.channels
        here = await self.bot.run_blocking(channels.get, channel_id)
        others = await self.bot.run_blocking(channels.in_guild, guild_id)
        digests = await self.bot.run_blocking(self.bot.services.alerts.digests_in, guild_id)
        extra = [f"<#{d.channel_id}>: {digest_text(d)}" for d in digests]
        await _reply(interaction, "Settings", [here, *(c for c in others if c != here)], extra)


def _target(
    interaction: discord.Interaction, channel: ConfigurableChannel | None
) -> tuple[int, int]:
    """(guild id, channel id) of the channel meant; a thread stands for its parent channel."""
    chosen = channel or interaction.channel
    channel_id = getattr(chosen, "id", None) or interaction.channel_id or 0
    if isinstance(chosen, discord.Thread) and chosen.parent_id:
        channel_id = chosen.parent_id
    return interaction.guild_id or 0, channel_id


def digest_text(digest: Digest | None) -> str:
    """'daily digest' or 'no digest'."""
    return f"{digest.every} digest" if digest else "no digest"


def config_line(config: ChannelConfig) -> str:
    """'<#123>: mentions and slash commands · /summary topic: Real Madrid manager'."""
    topic = plain(fit(config.summary_topic, 100)) if config.summary_topic else "none"
    default = "" if config.configured else " (default)"
    return (
        f"<#{config.channel_id}>: answers {config.answers.label}{default} · /summary topic: {topic}"
    )


async def _reply(
    interaction: discord.Interaction,
    title: str,
    configs: list[ChannelConfig],
    extra: list[str] | None = None,
) -> None:
    """An ephemeral reply with one line per channel (then any extra lines)."""
    lines = [config_line(c) for c in configs] + (extra or [])
    embed = embed_within_limits(
        title=title,
        description=join_lines(lines, DESCRIPTION_LIMIT, "channels"),
        colour=discord.Colour.blurple(),
        footer="Threads follow their channel's settings.",
    )
    await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(ConfigCog(cast("RumourBotBase", bot)))
