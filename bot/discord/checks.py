"""The app-command checks the cogs share: per-user cooldowns and the moderator check."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar, cast

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

T = TypeVar("T")


class NotModerator(app_commands.CheckFailure):
    """The user may not run a moderator command; the message says what is needed."""


class ChannelClosed(app_commands.CheckFailure):
    """A moderator switched the bot off in this channel with /config."""


def rumour_bot(interaction: discord.Interaction) -> RumourBotBase:
    """The bot that received the interaction, typed as ours."""
    return cast("RumourBotBase", interaction.client)


def _per_user(interaction: discord.Interaction) -> Hashable:
    # discord.py keeps cooldown buckets per decorated command, shared by every bot object in
    # the process; the bot's own scope keeps one bot's buckets from leaking into another's.
    return (rumour_bot(interaction).cooldown_scope, interaction.user.id)


# How often each fan was given their /ask back: a new count is a new key, so a fresh bucket.
_ask_refunds: dict[Hashable, int] = {}


def _ask_key(interaction: discord.Interaction) -> Hashable:
    user = _per_user(interaction)
    return user, _ask_refunds.get(user, 0)


def refund_ask(interaction: discord.Interaction) -> None:
    """Give back the /ask this interaction used up: its answer never reached the fan."""
    user = _per_user(interaction)
    _ask_refunds[user] = _ask_refunds.get(user, 0) + 1


def _ask_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    seconds = rumour_bot(interaction).settings.ask_cooldown_seconds
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


def _summary_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    seconds = rumour_bot(interaction).settings.summary_cooldown_seconds
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


def ask_cooldown() -> Callable[[T], T]:
    """One /ask per user per RUMOUR_ASK_COOLDOWN_SECONDS (0 turns it off); see refund_ask."""
    return app_commands.checks.dynamic_cooldown(_ask_cooldown, key=_ask_key)


def summary_cooldown() -> Callable[[T], T]:
    """One /summary per user per RUMOUR_SUMMARY_COOLDOWN_SECONDS (0 turns it off)."""
    return app_commands.checks.dynamic_cooldown(_summary_cooldown, key=_per_user)


def is_moderator(interaction: discord.Interaction) -> bool:
    """Manage Server in this channel, or the role named by RUMOUR_MODERATOR_ROLE."""
    if interaction.guild is None:
        return False
    if interaction.permissions.manage_guild:
        return True
    role = rumour_bot(interaction).settings.moderator_role
    roles = getattr(interaction.user, "roles", [])
    return bool(role) and any(r.name == role for r in roles)


def moderator_only() -> Callable[[T], T]:
    """The in-code moderator check; Discord's default_permissions can be overridden per guild."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if is_moderator(interaction):
            return True
        role = rumour_bot(interaction).settings.moderator_role
        need = "the Manage Server permission" + (f" or the “{role}” role" if role else "")
        name = interaction.command.qualified_name if interaction.command else "this command"
        log.info("refused /%s to non-moderator %s", name, interaction.user.id)
        raise NotModerator(f"Only moderators can use /{name}: it needs {need}.")

    return app_commands.check(predicate)


def answers_here() -> Callable[[T], T]:
    """Refuse /ask, /summary and /sources where a moderator chose "nothing" with /config."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild is None or interaction.channel is None:
            return True
        config = await rumour_bot(interaction).channel_config(interaction.channel)
        if config.answers_commands:
            return True
        log.info("refused a command in closed channel %s", interaction.channel_id)
        raise ChannelClosed(
            "I don't answer in this channel: a moderator switched me off here with /config. "
            "Try another channel."
        )

    return app_commands.check(predicate)
