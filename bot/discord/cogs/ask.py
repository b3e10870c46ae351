"""/ask, @mentions and follow-ups in the answer's thread, answered from the ingested articles."""

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
from bot.answering.followup import looks_like_question, needs_context, resolve
from bot.discord.checks import answers_here, ask_cooldown, refund_ask
from bot.discord.errors import unexpected
from bot.discord.format import NO_MENTIONS, answer_embed, content
from bot.discord.replies import follow_up_in_thread, vote_buttons
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from bot.discord.app import RumourBotBase

log = logging.getLogger(__name__)

HINT = "Ask me about a rumour after the mention, e.g. “@{name} is Kroos joining Klopp's staff?”"
FORGOTTEN = (
    "I no longer remember what this thread was about (a thread keeps its context for {hours} h). "
    "Ask the whole question, e.g. “is Kane joining Chelsea?”"
)
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
    @answers_here()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
    ) -> None:
        """Defer at once, answer off the event loop, reply with the answer and open its thread."""
        question = plain_question(question)
        if not question:
            raise RumourError("Ask a question in words: mentions alone are not a question.")
        await interaction.response.defer(thinking=True)
        at = interaction.created_at.timestamp()
        previous = self.bot.threads.last(interaction.channel_id or 0, at)
        question = resolve(question, previous, max_chars=MAX_QUESTION_CHARS)
        answer = await self.bot.ask(question)
        buttons = await vote_buttons(self.bot, answer)
        try:
            sent = await interaction.followup.send(
                embed=answer_embed(answer), allowed_mentions=NO_MENTIONS, wait=True, **buttons
            )
        except discord.HTTPException:
            refund_ask(interaction)  # not delivered: asking again is not asking too soon
            raise
        await follow_up_in_thread(self.bot, interaction.channel, sent, answer.question, at)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a mention as a reply, and a follow-up in the answer's thread in context."""
        addressed = self._addressed(message)
        if addressed is None:
            return
        if not (await self.bot.channel_config(message.channel)).answers_mentions:
            return  # a moderator chose slash commands only, or nothing, here
        question = plain_question(message.content)
        if addressed == "thread" and not looks_like_question(question):
            return  # fans talking among themselves in the thread
        me = self.bot.user
        if not question:
            await self._reply(message, content=HINT.format(name=me.display_name if me else "bot"))
            return
        retry_after = self._retry_after(message, self._mention_cooldown)
        if retry_after:
            if addressed == "mention" and not self._retry_after(message, self._warned):
                wait = max(1, math.ceil(retry_after))
                await self._reply(message, content=f"Slow down a little: ask me again in {wait} s.")
            return
        at = message.created_at.timestamp()
        previous = self.bot.threads.last(message.channel.id, at)
        if previous is None and self._in_own_thread(message) and needs_context(question):
            hours = f"{self.bot.settings.thread_context_hours:g}"
            await self._reply(message, content=FORGOTTEN.format(hours=hours))
            return
        await self._answer(message, resolve(question, previous, max_chars=MAX_QUESTION_CHARS), at)

    async def _answer(self, message: discord.Message, question: str, at: float) -> None:
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
        buttons = await vote_buttons(self.bot, answer)
        sent = await self._reply(message, embed=answer_embed(answer), **buttons)
        if sent is not None:
            await follow_up_in_thread(self.bot, message.channel, sent, answer.question, at)
        elif self._mention_cooldown is not None:
            bucket = self._mention_cooldown.get_bucket(message, at)
            if bucket is not None:
                bucket.reset()  # not delivered: asking again is not asking too soon

    def _addressed(self, message: discord.Message) -> str | None:
        """'mention' when the message mentions the bot, 'thread' when it is in the bot's thread."""
        me = self.bot.user
        if me is None or message.author.bot:
            return None
        pattern = rf"<@!?{me.id}>"
        role = message.guild.self_role if message.guild else None
        if role is not None:  # picking the bot in the client can insert its managed role
            pattern += rf"|<@&{role.id}>"
        if re.search(pattern, message.content):
            return "mention"
        return "thread" if self._in_own_thread(message) else None

    def _in_own_thread(self, message: discord.Message) -> bool:
        channel = message.channel
        me = self.bot.user
        return isinstance(channel, discord.Thread) and me is not None and channel.owner_id == me.id

    @staticmethod
    def _retry_after(
        message: discord.Message, mapping: commands.CooldownMapping[discord.Message] | None
    ) -> float | None:
        if mapping is None:
            return None
        now = message.created_at.timestamp()  # Discord's clock, not ours
        bucket = mapping.get_bucket(message, now)
        return bucket.update_rate_limit(now) if bucket else None

    async def _reply(self, message: discord.Message, **kwargs: Any) -> discord.Message | None:
        try:
            return await message.reply(allowed_mentions=NO_MENTIONS, **kwargs)
        except discord.HTTPException as exc:
            log.warning("could not reply to message %s: %s", message.id, exc)
            return None


async def setup(bot: commands.Bot) -> None:
    """Add the cog when the bot loads this extension."""
    await bot.add_cog(AskCog(cast("RumourBotBase", bot)))
