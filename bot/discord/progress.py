"""A progress message: the interaction's reply, edited as a blocking write job reports."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord

from bot.discord.format import NO_MENTIONS, progress_text

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 1.5  # seconds between edits of a progress message (Discord rate-limits them)


class ProgressMessage:
    """Edits an interaction's original response as a blocking job reports (done, total, label)."""

    def __init__(self, interaction: discord.Interaction, action: str) -> None:
        self._interaction = interaction
        self._action = action
        self._loop = asyncio.get_running_loop()
        self._latest = ""
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        """The ingest.sources.service.Progress callback; called from a worker thread."""
        self._loop.call_soon_threadsafe(
            self._update, progress_text(self._action, done, total, label)
        )

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
