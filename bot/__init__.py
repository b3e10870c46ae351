"""Answering, summaries, the CLI and the Discord bot; `from bot import create_bot` for the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.discord.app import create_bot

__all__ = ["create_bot"]


def __getattr__(name: str) -> Any:
    """Import discord.py only when the bot is asked for, so `import bot` stays light."""
    if name == "create_bot":
        from bot.discord.app import create_bot

        return create_bot
    raise AttributeError(f"module 'bot' has no attribute {name!r}")
