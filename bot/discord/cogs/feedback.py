"""The 👍/👎 and "Show quotes" buttons, registered so that clicks work after a restart too."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from discord.ext import commands

from bot.discord.views import QuotesButton, VoteButton

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)


class FeedbackCog(commands.Cog):
    """Owns the persistent buttons; their callbacks live in bot.discord.views."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        """Route clicks on any answer's or round-up's buttons, old messages included."""
        self.bot.add_dynamic_items(VoteButton, QuotesButton)

    async def cog_unload(self) -> None:
        """Stop routing the buttons."""
        self.bot.remove_dynamic_items(VoteButton, QuotesButton)


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(FeedbackCog(cast("RumourBotBase", bot)))
