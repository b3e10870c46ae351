"""`rumour bot`: run the Discord bot with DISCORD_TOKEN (discord.py is imported only here)."""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING

from bot.cli.common import Command
from ingest.core.errors import ConfigError, RumourError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

PORTAL = "https://discord.com/developers/applications"


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the `bot` command to the parser; return its handler by name."""
    sub.add_parser(
        "bot",
        help="run the Discord bot (needs DISCORD_TOKEN)",
        description="Connect to Discord with DISCORD_TOKEN and answer /ask, /summary and "
        "mentions until stopped (Ctrl+C).",
    )
    return {"bot": cmd_bot}


def cmd_bot(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Run the bot over the CLI's services until it is stopped; a bad token is a clear error."""
    secret = services.settings.discord_token
    token = secret.get_secret_value().strip() if secret else ""
    if not token:
        raise ConfigError(
            f"DISCORD_TOKEN is not set: copy your bot's token from {PORTAL} into .env "
            "or the environment."
        )
    import asyncio

    import aiohttp
    import discord

    from bot.discord.app import create_bot

    bot = create_bot(services)  # main() built the services and closes them, not the bot
    try:
        asyncio.run(_run(bot, token))
    except discord.LoginFailure:
        raise ConfigError(
            f"Discord rejected DISCORD_TOKEN (invalid or revoked): reset the token at {PORTAL} "
            "and update .env."
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "Discord refused an intent the bot asked for; check the bot's Privileged Gateway "
            "Intents in the developer portal."
        ) from None
    except (aiohttp.ClientError, discord.GatewayNotFound, OSError) as exc:
        raise RumourError(f"Could not reach Discord: {exc}") from None
    return 0


async def _run(bot: RumourBotBase, token: str) -> None:
    async with bot:
        await bot.start(token)
