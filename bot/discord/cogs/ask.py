"""/ask and @mentions: a fan's question, answered from the ingested articles."""

from __future__ import annotations

import contextlib
import logging
import math
import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering.ask import MAX_QUESTION_CHARS
from bot.discord.checks import ask_cooldown
from bot.discord.errors import unexpected
from bot.discord.format import NO_MENTIONS, answer_embed, content
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

HINT = "Ask me about a rumour after the mention, e.g. “@{name} is Kroos joining Klopp's staff?”"
_DISCORD_MARKUP = re.compile(r"<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b")


def plain_question(text: str) -> str:
    """The question without Discord mentions, which mean nothing to the answer engine."""
    return " ".join(_DISCORD_MARKUP.sub(" ", text).split())[:MAX_QUESTION_CHARS]


class AskCog(commands.Cog):
    """Questions by slash command or by mention, answered by the same engine."""

    def __init__(self, bot: RumourBotBase) -> None:
        self.bot = bot
        seconds = bot.settings.ask_cooldown_seconds
        self._mention_cooldown = (
            commands.CooldownMapping.from_cooldown(1, seconds, commands.BucketType.user)
            if seconds > 0
            else None
        )
        # One "slow down" per window: answering every extra mention would amplify spam.
        self._warned = (
            commands.CooldownMapping.from_cooldown(1, seconds, commands.BucketType.user)
            if seconds > 0
            else None
        )

    @app_commands.command(
        name="ask", description="Ask about a transfer rumour; answered only from ingested articles"
    )
    @app_commands.describe(question="For example: Is Kroos joining Klopp's staff?")
    @ask_cooldown()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
    ) -> None:
        """Defer at once, answer off the event loop, then reply with the answer embed."""
        question = plain_question(question)
        if not question:
            raise RumourError("Ask a question in words: mentions alone are not a question.")
        await interaction.response.defer(thinking=True)
        answer = await self.bot.ask(question)
        await interaction.followup.send(embed=answer_embed(answer), allowed_mentions=NO_MENTIONS)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer "@bot is Kroos joining Klopp's staff?" as a reply to that message."""
        question = self._question_in(message)
        if question is None:
            return
        me = self.bot.user
        if not question:
            await self._reply(message, content=HINT.format(name=me.display_name if me else "bot"))
            return
        retry_after = self._retry_after(message, self._mention_cooldown)
        if retry_after:
            if not self._retry_after(message, self._warned):
                wait = max(1, math.ceil(retry_after))
                await self._reply(message, content=f"Slow down a little: ask me again in {wait} s.")
            return
        with contextlib.suppress(discord.HTTPException):
            await message.channel.typing()
        try:
            answer = await self.bot.ask(question)
        except RumourError as exc:
            await self._reply(message, content=content(str(exc)))
            return
        except Exception as exc:  # the listener's own error path: logged with a reference
            await self._reply(message, content=unexpected(exc, "a mention"))
            return
        await self._reply(message, embed=answer_embed(answer))

    def _question_in(self, message: discord.Message) -> str | None:
        """The text around the bot's mention; None when the message does not mention the bot."""
        me = self.bot.user
        if me is None or message.author.bot:
            return None
        pattern = rf"<@!?{me.id}>"
        role = message.guild.self_role if message.guild else None
        if role is not None:  # picking the bot in the client can insert its managed role
            pattern += rf"|<@&{role.id}>"
        if not re.search(pattern, message.content):
            return None
        return plain_question(message.content)

    @staticmethod
    def _retry_after(
        message: discord.Message, mapping: commands.CooldownMapping[discord.Message] | None
    ) -> float | None:
        if mapping is None:
            return None
        now = message.created_at.timestamp()  # Discord's clock, not ours
        bucket = mapping.get_bucket(message, now)
        return bucket.update_rate_limit(now) if bucket else None

    async def _reply(self, message: discord.Message, **kwargs: Any) -> None:
        try:
            await message.reply(allowed_mentions=NO_MENTIONS, **kwargs)
        except discord.HTTPException as exc:
            log.warning("could not reply to message %s: %s", message.id, exc)


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(AskCog(cast("RumourBotBase", bot)))
