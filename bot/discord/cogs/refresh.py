"""The scheduled refresh of registered feeds, every RUMOUR_REFRESH_MINUTES (0 turns it off)."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, cast

from discord.ext import commands, tasks

from bot.discord.progress import run_write_job
from ingest.core.errors import BusyError
from ingest.fetching.urls import loggable
from ingest.pipeline.report import IngestReport

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)


class RefreshCog(commands.Cog):
    """Re-ingests every registered feed on a timer; never two at once, never raises."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        """Start the timer when refreshing is on."""
        minutes = self.bot.settings.refresh_minutes
        if minutes <= 0:
            log.info("scheduled feed refresh is off (RUMOUR_REFRESH_MINUTES=0)")
            return
        self.scheduled_refresh.change_interval(minutes=minutes)
        self.scheduled_refresh.start()

    async def cog_unload(self) -> None:
        """Stop the timer."""
        self.scheduled_refresh.cancel()

    @tasks.loop(minutes=60)  # the interval is set from the settings in cog_load
    async def scheduled_refresh(self) -> None:
        """One tick of the timer; the first comes one interval after start-up."""
        if self.scheduled_refresh.current_loop == 0:
            return
        await self.refresh_feeds()

    async def refresh_feeds(self) -> IngestReport | None:
        """Refresh every feed now; skipped (None) while another write runs, errors logged."""
        try:
            refresh = partial(self.bot.services.sources.refresh_feeds, wait=False)
            report = await run_write_job(self.bot, "The scheduled feed refresh", refresh)
        except BusyError as exc:
            log.info("scheduled feed refresh skipped: %s", exc)
            return None
        except Exception:  # a failed refresh must not stop the timer
            log.exception("scheduled feed refresh failed")
            return None
        self.bot.dispatch("rumour_ledger_changed")  # watches hear of what changed
        log.info(
            "scheduled feed refresh: %d new, %d updated, %d unchanged, %d failed",
            report.new,
            report.updated,
            report.unchanged,
            report.failed,
        )
        for source, error in report.errors:
            log.warning("scheduled feed refresh: %s: %s", loggable(source), error)
        return report


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(RefreshCog(cast("RumourBotBase", bot)))
