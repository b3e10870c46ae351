"""/watch add, /watch list and /unwatch; the alerts after each refresh; the channels' digests.

The bot learns of new claims three ways: its own /ingest, /reingest and scheduled refresh
dispatch `rumour_ledger_changed`; a timer (RUMOUR_WATCH_POLL_SECONDS) checks the ledger's
revision, which also catches `rumour refresh` run in another process; and the digest timer
looks for digests that are due. Each alert is claimed in the database before it is sent, so it
goes out once.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.alerts.service import MAX_TARGET_CHARS
from bot.discord.alerting import alert_embed, deliver, post_digest, watches_embed
from bot.discord.checks import answers_here
from bot.discord.format import NO_MENTIONS, content, plain

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

DIGEST_CHECK_MINUTES = 10
DELIVERY = [
    app_commands.Choice(name="in this channel", value="here"),
    app_commands.Choice(name="by direct message", value="dm"),
]


class WatchCog(commands.Cog):
    """Fans' watches and their alerts, and the scheduled digests."""

    watch = app_commands.Group(
        name="watch", description="Follow a player, manager or club", guild_only=True
    )

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot
        self._checking = asyncio.Lock()

    async def cog_load(self) -> None:
        """Start the timers: the ledger poll (unless 0) and the digest check."""
        seconds = self.bot.settings.watch_poll_seconds
        if seconds > 0:
            self.poll.change_interval(seconds=seconds)
            self.poll.start()
        else:
            log.info("ledger poll for watches is off (RUMOUR_WATCH_POLL_SECONDS=0)")
        self.digests.start()

    async def cog_unload(self) -> None:
        """Stop the timers."""
        self.poll.cancel()
        self.digests.cancel()

    @watch.command(
        name="add", description="Get an alert when a move of this person or club changes"
    )
    @app_commands.describe(
        target="A player, manager or club, e.g. Ben White or Arsenal",
        delivery="Where alerts go: this channel (default) or your DMs",
    )
    @app_commands.choices(delivery=DELIVERY)
    @answers_here()
    async def add(
        self,
        interaction: discord.Interaction,
        target: app_commands.Range[str, 1, MAX_TARGET_CHARS],
        delivery: app_commands.Choice[str] | None = None,
    ) -> None:
        """Start watching; the fan hears of changes after now, not of what is already known."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        dm = delivery is not None and delivery.value == "dm"
        watch = partial(
            self.bot.services.alerts.watch,
            interaction.guild_id or 0,
            interaction.channel_id or 0,
            interaction.user.id,
            target,
            dm=dm,
        )
        added = await self.bot.run_blocking(watch)
        where = "by direct message" if dm else "in this channel"
        await interaction.followup.send(
            content(
                f"Watching **{plain(added.label)}**: when a new claim changes the verdict or stage "
                f"of a move, I'll post it {where}."
            ),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @watch.command(name="list", description="What you watch here")
    async def list_(self, interaction: discord.Interaction) -> None:
        """The fan's watches in this server."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        alerts = self.bot.services.alerts
        guild_id = interaction.guild_id or 0
        mine = await self.bot.run_blocking(alerts.watches_of, guild_id, interaction.user.id)
        limits = await self.bot.run_blocking(alerts.limits, guild_id)
        await interaction.followup.send(
            embed=watches_embed(mine, limits), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @app_commands.command(name="unwatch", description="Stop watching a person or club")
    @app_commands.describe(target="As /watch list shows it")
    @app_commands.guild_only()
    async def unwatch(
        self, interaction: discord.Interaction, target: app_commands.Range[str, 1, MAX_TARGET_CHARS]
    ) -> None:
        """Drop a watch."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        alerts = self.bot.services.alerts
        stop = partial(alerts.unwatch, interaction.guild_id or 0, interaction.user.id, target)
        removed = await self.bot.run_blocking(stop)
        await interaction.followup.send(
            content(f"Stopped watching **{plain(removed.label)}**."),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @unwatch.autocomplete("target")
    async def _unwatch_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        alerts = self.bot.services.alerts
        mine = await self.bot.run_blocking(
            alerts.watches_of, interaction.guild_id or 0, interaction.user.id
        )
        wanted = current.casefold()
        return [
            app_commands.Choice(name=w.label[:100], value=w.label[:100])
            for w in mine
            if wanted in w.label.casefold()
        ][:25]

    @commands.Cog.listener()
    async def on_rumour_ledger_changed(self) -> None:
        """The bot's own ingest or refresh wrote the ledger: announce what changed."""
        await self.announce()

    @tasks.loop(seconds=60)  # the interval is set from the settings in cog_load
    async def poll(self) -> None:
        """Catch ledger writes made elsewhere (`rumour refresh` in another process)."""
        await self.announce()

    @poll.before_loop
    async def _poll_when_ready(self) -> None:
        await self.bot.wait_until_ready()

    @tasks.loop(minutes=DIGEST_CHECK_MINUTES)
    async def digests(self) -> None:
        """Post the digests that are due."""
        try:
            posts = await self.bot.run_blocking(self.bot.services.alerts.due_digests)
        except Exception:  # a failed check must not stop the timer
            log.exception("digest check failed")
            return
        for post in posts:
            if await post_digest(self.bot, post) is False:
                await self.bot.run_blocking(self.bot.services.alerts.release_digest, post)

    @digests.before_loop
    async def _digests_when_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def announce(self) -> int:
        """Send every pending alert once; returns how many went out. Never raises."""
        async with self._checking:
            alerts = self.bot.services.alerts
            try:
                pending = await self.bot.run_blocking(alerts.check)
            except Exception:  # a failed check must not stop the timer
                log.exception("watch check failed")
                return 0
            sent = 0
            for alert in pending:
                citation = await self.bot.run_blocking(alerts.citation, alert)
                outcome = await deliver(self.bot, alert.watch, alert_embed(alert, citation))
                if outcome is False:
                    await self.bot.run_blocking(alerts.release, alert)
                sent += outcome is True
            return sent


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(WatchCog(cast("RumourBotBase", bot)))
