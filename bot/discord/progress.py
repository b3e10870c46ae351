"""Write jobs from Discord: one write slot, off the event loop, with a progress message."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import discord

from bot.discord.format import NO_MENTIONS, progress_text
from ingest.sources.service import Step

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

R = TypeVar("R")

# Seconds between edits of a progress message: readable, and well inside Discord's rate limits.
PROGRESS_INTERVAL = 3.0


class ProgressMessage:
    """Edits an interaction's original response as a blocking job reports its Steps."""

    def __init__(self, interaction: discord.Interaction, action: str) -> None:
        self._interaction = interaction
        self._action = action
        self._loop = asyncio.get_running_loop()
        self._latest = ""
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def __call__(self, step: Step) -> None:
        """The ingest.sources.service.Progress callback; called from a worker thread."""
        self._loop.call_soon_threadsafe(self._update, progress_text(self._action, step))

    def _update(self, text: str) -> None:
        self._latest = text
        self._changed.set()

    async def __aenter__(self) -> ProgressMessage:
        self._task = asyncio.create_task(self._pump())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _pump(self) -> None:
        """One edit at a time, always the latest state, at most every PROGRESS_INTERVAL."""
        while True:
            await self._changed.wait()
            self._changed.clear()
            try:
                await self._interaction.edit_original_response(
                    content=self._latest, allowed_mentions=NO_MENTIONS
                )
            except discord.HTTPException as exc:  # progress is best effort
                log.warning("could not update a progress message: %s", exc)
            await asyncio.sleep(PROGRESS_INTERVAL)


async def run_write_job(
    bot: RumourBotBase,
    holder: str,
    job: Callable[..., R],
    *,
    interaction: discord.Interaction | None = None,
    action: str = "",
) -> R:
    """Run a blocking ingest, refresh or forget in the bot's one write slot, off the event loop.

    `holder` names the job for anyone refused meanwhile (BusyError). Given an interaction and an
    action ("Ingesting"), the job is called with `progress=`, which edits the interaction's reply.
    """
    async with bot.writing(holder):
        if interaction is None or not action:
            return await bot.run_blocking(job)
        async with ProgressMessage(interaction, action) as progress:
            return await bot.run_blocking(job, progress=progress)
