"""The one error path: known errors become user-facing messages, the rest a logged reference."""

from __future__ import annotations

import logging
import math
import uuid

import discord
from discord import app_commands

from bot.discord.format import NO_MENTIONS, content
from ingest.core.errors import RumourError

log = logging.getLogger(__name__)


def reference() -> str:
    """A short id a user can quote and an operator can find in the log."""
    return uuid.uuid4().hex[:8]


def unexpected(error: BaseException, where: str) -> str:
    """Log an unexpected error with a fresh reference; return the message to show the user."""
    ref = reference()
    log.error("unexpected error in %s (ref %s)", where, ref, exc_info=error)
    return f"Something went wrong on my side (reference `{ref}`). Please try again later."


def user_message(error: BaseException, where: str) -> str:
    """What to tell the user about `error`; unexpected errors are logged here."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, RumourError):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        seconds = max(1, math.ceil(error.retry_after))
        return f"Slow down a little: you can use {where} again in {seconds} s."
    if isinstance(error, app_commands.TransformerError):
        return f"That value is not valid for {where}: {error.value!r}."
    if isinstance(error, app_commands.NoPrivateMessage):
        return f"{where} works in a server, not in direct messages."
    if isinstance(error, app_commands.CheckFailure):
        # NotModerator and friends carry their own message.
        return str(error) or f"You can't use {where} here."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "That command has changed; Discord may take a minute to catch up. Try again soon."
    return unexpected(original, where)


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer the interaction, or follow up when it was already acknowledged (deferred)."""
    try:
        if interaction.response.is_done():
            # After a public defer Discord fills the "thinking" message with this, publicly.
            await interaction.followup.send(
                content(text), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        else:
            await interaction.response.send_message(
                content(text), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException as exc:  # the token expired or Discord is failing: log only
        log.warning("could not send an error reply for interaction %s: %s", interaction.id, exc)


class RumourTree(app_commands.CommandTree):
    """The command tree whose on_error is the bot's only error handler for app commands."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Tell the user what went wrong (ephemerally where possible); never leave it thinking."""
        command = interaction.command
        where = f"/{command.qualified_name}" if command else "that command"
        if isinstance(error, app_commands.CheckFailure):
            log.debug("%s refused for %s: %s", where, interaction.user.id, error)
        await reply_ephemeral(interaction, user_message(error, where))
