"""The Discord bot: a configured commands.Bot (or AutoShardedBot) given the app's services.

The bot holds no business logic and builds nothing: whoever starts it builds the Services and
passes them in (as in discord.py's examples/advanced_startup.py), and closes them afterwards.
It owns the glue every cog shares: a thread pool that keeps blocking work (ONNX, Chroma, BM25,
the LLM's HTTP calls) off the event loop, a semaphore that caps concurrent LLM calls, and a
single in-process write slot for ingests and refreshes. The cogs load as extensions.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import discord
from discord.ext import commands

from bot.answering.answer import Answer
from bot.answering.followup import ThreadMemory
from bot.answering.summary import Summary
from bot.app import Services
from bot.channels.settings import ChannelConfig
from bot.discord.errors import RumourTree
from bot.discord.format import NO_MENTIONS
from ingest.core.errors import BusyError, RumourError

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# Threads beside the LLM slots, so retrieval, /sources and ingests never queue behind LLM calls.
EXTRA_WORKERS = 4
# The cogs, each a discord.py extension with `async def setup(bot)`.
EXTENSIONS = (
    "bot.discord.cogs.ask",
    "bot.discord.cogs.summary",
    "bot.discord.cogs.timeline",
    "bot.discord.cogs.watch",
    "bot.discord.cogs.sources",
    "bot.discord.cogs.refresh",
    "bot.discord.cogs.config",
    "bot.discord.cogs.feedback",
)

if TYPE_CHECKING:
    _Base = commands.Bot
else:
    _Base = object


ANSWER_DEADLINE_SECONDS = 600  # interaction tokens last 15 minutes


class RumourBotBase(_Base):
    """What RumourBot and ShardedRumourBot share; cogs are written against this."""

    def __init__(
        self, services: Services, *, extensions: Sequence[str] = EXTENSIONS, **options: Any
    ) -> None:
        intents = discord.Intents.default()  # mentions arrive with their content anyway
        # Privileged, and only needed for follow-ups without a mention in the bot's threads.
        intents.message_content = services.settings.message_content_intent
        super().__init__(
            command_prefix=commands.when_mentioned,  # unused: no prefix commands
            help_command=None,
            intents=intents,
            allowed_mentions=NO_MENTIONS,  # the default for everything the bot sends
            tree_cls=RumourTree,
            **options,
        )
        self.services = services
        self.settings = services.settings
        self.initial_extensions = tuple(extensions)
        self.cooldown_scope = object()  # keys this bot's cooldown buckets
        self._llm_slots = asyncio.Semaphore(self.settings.llm_concurrency)
        self._executor = ThreadPoolExecutor(
            self.settings.llm_concurrency + EXTRA_WORKERS, thread_name_prefix="rumour-bot"
        )
        self._writing: str | None = None
        # What each thread asked last, for follow-ups; in memory, so a restart forgets it.
        self.threads = ThreadMemory(self.settings.thread_context_hours * 3600)

    async def setup_hook(self) -> None:
        """Load the cogs as extensions and sync the slash commands."""
        for extension in self.initial_extensions:
            await self.load_extension(extension)
        await self._sync_commands()

    async def _sync_commands(self) -> None:
        """Sync to RUMOUR_DISCORD_GUILDS (instant, for development), else globally."""
        if not self.settings.discord_guilds:
            synced = await self.tree.sync()
            log.info("synced %d slash commands globally (may take up to an hour)", len(synced))
            return
        for guild_id in self.settings.discord_guilds:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d slash commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        me = self.user
        log.info("connected as %s (id %s) in %d servers", me, me and me.id, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: AskCog's listener answers mentions."""

    async def run_blocking(self, func: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run blocking work in the bot's thread pool, keeping the event loop free."""
        call = functools.partial(contextvars.copy_context().run, func, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    @property
    def uses_llm(self) -> bool:
        """Whether answers call the language model (RUMOUR_GENERATOR resolved to openai)."""
        return self.services.asker.uses_llm

    async def ask(self, question: str) -> Answer:
        """The answer engine's reply, off the loop; LLM calls wait for a free slot."""
        return await self._within_deadline(self.services.asker, self.services.asker.ask, question)

    async def summarize(self, topic: str | None, days: int | None) -> Summary:
        """The round-up engine's reply, off the loop, under the same LLM limit if it uses one."""
        summarize = self.services.summarizer.summarize
        return await self._within_deadline(self.services.summarizer, summarize, topic, days)

    async def _within_deadline(self, engine: object, func: Callable[..., R], *args: Any) -> R:
        """Run `func` under the LLM limit, giving up before Discord's 15-minute interaction ends."""
        try:
            async with asyncio.timeout(ANSWER_DEADLINE_SECONDS):
                async with self._llm_slot(engine):
                    return await self.run_blocking(func, *args)
        except TimeoutError:
            raise RumourError("That took too long to answer; please try again later.") from None

    def _llm_slot(self, engine: object) -> contextlib.AbstractAsyncContextManager[Any]:
        """A slot of RUMOUR_LLM_CONCURRENCY (the one LLM limit) when `engine` calls the LLM."""
        # Waiting here, rather than in a worker thread, keeps queued questions off the pool.
        uses_llm = bool(getattr(engine, "uses_llm", False))
        return self._llm_slots if uses_llm else contextlib.nullcontext()

    async def channel_config(self, channel: object) -> ChannelConfig:
        """The /config settings that apply in `channel` (a thread follows its parent channel)."""
        if isinstance(channel, discord.Thread) and channel.parent_id:
            channel_id = channel.parent_id
        else:
            channel_id = int(getattr(channel, "id", 0))
        return await self.run_blocking(self.services.channels.get, channel_id)

    @contextlib.asynccontextmanager
    async def writing(self, what: str) -> AsyncIterator[None]:
        """Hold the bot's one write slot; BusyError naming `what` already holds it."""
        if self._writing is not None:
            raise BusyError(f"{self._writing} is already running; try again when it has finished.")
        self._writing = what
        try:
            yield
        finally:
            self._writing = None

    async def close(self) -> None:
        """Disconnect and finish the work in flight; the services stay open for their owner."""
        await super().close()
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)


class RumourBot(RumourBotBase, commands.Bot):
    """The bot in one process with one gateway connection."""


class ShardedRumourBot(RumourBotBase, commands.AutoShardedBot):
    """The bot with RUMOUR_SHARDS gateway shards in one process."""


def create_bot(services: Services) -> RumourBotBase:
    """A configured bot over `services`; no token needed and nothing connects until it starts."""
    # A text-only bot: discord.py's "voice will NOT be supported" warnings are noise here.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    shards = services.settings.shards
    if shards:
        return ShardedRumourBot(services, shard_count=shards)
    return RumourBot(services)
