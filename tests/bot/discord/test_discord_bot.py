"""The real bot, driven through SimCord as fans would: /ask, mentions, /summary, /sources.

One set of services (with the bundled samples) serves the whole module; every test gets a
fresh bot built by `create_bot` with those services injected.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import discord
import pytest
import simcord
from discord.ext import commands
from simcord import assert_error

from bot import create_bot
from bot.answering.answer import Answer, Citation, Verdict
from bot.app import Services
from bot.discord.app import EXTENSIONS, RumourBotBase
from ingest.core.errors import StoreError
from ingest.sources.runner import ingest_files
from tests.support.discord_helpers import (
    assert_never_pings,
    embed_problems,
    fan,
)
from tests.support.helpers import KROOS_QUESTION, MakeServices

SAMPLE_URL = "https://samples.rumour-desk.invalid/2026/01/klopp-kroos-intermediary"
PING_ARTICLE = {
    "id": "ping-test-article",
    "url": "https://news.example/2026/02/vale-zorblatt",
    "title": "Quenton Vale reportedly close to Zorblatt move @here",
    "source": "The Daily Ball",
    "published": "2026-02-01",
    "text": (
        "@everyone Quenton Vale is reportedly close to joining Zorblatt FC, according to "
        "reports in Germany. <@&555> The striker could sign before the window closes, "
        "sources claim, and talks with Zorblatt are said to be advanced."
    ),
}


class _StubAsker:
    """Stands in for the engine where a test needs an answer it would never give."""

    def __init__(self, outcome: Answer | Exception) -> None:
        self.outcome = outcome

    def ask(self, question: str) -> Answer:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return replace(self.outcome, question=question)


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, make_services: MakeServices) -> Services:
    root = tmp_path_factory.mktemp("discord-bot")
    built = make_services(root, samples=True)
    extra = root / "ping.jsonl"
    extra.write_text(json.dumps(PING_ARTICLE) + "\n", encoding="utf-8")
    ingest_files(built.sources.ingestor, jsonl=[extra])
    return built


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {}


@pytest.fixture
def stub_asker() -> _StubAsker | None:
    return None


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any], stub_asker: _StubAsker | None
) -> AsyncIterator[RumourBotBase]:
    settings = services.settings.model_copy(update={"refresh_minutes": 0, **bot_overrides})
    injected = replace(services, settings=settings)
    if stub_asker is not None:
        injected = replace(injected, asker=stub_asker)
    bot = create_bot(injected)
    yield bot
    await bot.close()


@pytest.fixture
def channel(simcord_env: simcord.Env) -> simcord.ChannelHandle:
    return simcord_env.create_guild().create_text_channel("rumours")


def reply_to(
    env: simcord.Env, channel: simcord.ChannelHandle, asked: discord.Message
) -> discord.Message:
    """The bot's reply to a message (the channel may also hold a "started a thread" notice)."""
    return next(
        m
        for m in reversed(channel.history())
        if m.author.id == env.bot.user.id and m.reference and m.reference.message_id == asked.id
    )


def test_create_bot_needs_no_token_and_opens_nothing(services: Services) -> None:
    bot = create_bot(services)  # no DISCORD_TOKEN anywhere
    assert isinstance(bot, commands.Bot) and not isinstance(bot, commands.AutoShardedBot)
    assert bot.services is services and bot.settings is services.settings
    assert bot.user is None and bot.ws is None
    assert bot.extensions == {}  # the cogs load when it starts
    assert bot.allowed_mentions is not None and bot.allowed_mentions.to_dict() == {"parse": []}

    sharded = create_bot(
        replace(services, settings=services.settings.model_copy(update={"shards": 3}))
    )
    assert isinstance(sharded, commands.AutoShardedBot) and sharded.shard_count == 3


async def test_the_cogs_load_as_extensions(simcord_env: simcord.Env) -> None:
    bot = simcord_env.bot
    assert set(bot.extensions) == set(EXTENSIONS)
    assert {type(cog).__name__ for cog in bot.cogs.values()} == {
        "AskCog",
        "SummaryCog",
        "TimelineCog",
        "WatchCog",
        "SourcesCog",
        "RefreshCog",
        "ConfigCog",
        "FeedbackCog",
    }


async def test_closing_the_bot_leaves_the_services_to_their_owner(services: Services) -> None:
    bot = create_bot(services)
    await bot.close()
    assert services.asker.ask(KROOS_QUESTION).verdict is Verdict.REPORTED


async def test_ask_defers_then_answers_with_verdict_and_source_links(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    result = await fan(simcord_env).slash(channel, "ask", question=KROOS_QUESTION)

    callbacks = [r for r in simcord_env.http_requests if r.path.endswith("/callback")]
    assert [c.json for c in callbacks] == [{"type": 5}]  # deferred at once, "thinking"
    assert result.acknowledged and not result.deferred  # the followup completed it
    assert not result.ephemeral and result.followups == []
    (embed,) = result.response.embeds
    assert embed.author.name == "🟡 Reported"
    assert embed.colour == discord.Colour(0xF1C40F)
    assert embed.title == KROOS_QUESTION
    assert "Reported" not in embed.description  # the verdict is said once, by the badge
    assert "could become Klopp's assistant" in embed.description
    assert f"[[1]]({SAMPLE_URL})" in embed.description  # the marker links to its source
    sources = embed.fields[0]
    assert sources.name == "Sources"
    assert (
        f"**[1]** [Kroos reportedly acting as go-between in Real Madrid's pursuit of Klopp]({SAMPLE_URL})"
        in sources.value
    )
    assert "— Kicker (sample rewrite), 2026-01-30" in sources.value
    assert embed_problems(embed) == []
    assert_never_pings(simcord_env)


async def test_a_mention_is_answered_as_a_reply(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    me = simcord_env.bot.user
    asked = await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")

    reply = reply_to(simcord_env, channel, asked)
    assert reply.author.id == me.id
    assert reply.reference is not None and reply.reference.message_id == asked.id
    (embed,) = reply.embeds
    assert embed.author.name == "🟡 Reported" and embed.title == "is Kroos joining Klopp's staff?"
    assert SAMPLE_URL in embed.fields[0].value
    assert reply.mentions == [] and not reply.mention_everyone  # the reply pings nobody
    assert_never_pings(simcord_env)


async def test_mentions_without_a_question_and_other_messages(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    await alice.send(channel, "is Kroos joining Klopp's staff? no mention, no answer")
    await alice.send(channel, "@everyone is Kroos joining Klopp's staff?")
    assert len(channel.history()) == 2  # neither is addressed to the bot

    await alice.send(channel, f"<@!{simcord_env.bot.user.id}>")
    assert "Ask me about a rumour after the mention" in channel.last_message.content

    robot = simcord_env.guild.add_member(simcord_env.create_user("otherbot", bot=True))
    before = len(channel.history())
    await robot.send(channel, f"{simcord_env.bot.user.mention} is Kroos joining Klopp's staff?")
    assert len(channel.history()) == before + 1  # bots are never answered


async def test_summary_is_a_short_list_of_moves_with_its_quotes_behind_a_button(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    result = await fan(simcord_env).slash(
        channel, "summary", topic="Real Madrid manager", days=3650
    )

    (embed,) = result.response.embeds
    assert embed.title == "Latest on Real Madrid manager (last 3650 days)"
    assert embed_problems(embed) == [] and len(embed) < 1000  # a glance before the buttons
    assert not embed.fields  # no wall of sources: each line links its own
    lines = embed.description.splitlines()
    assert len(lines) >= 2
    for line in lines:  # stage · what is said — [outlet](link), date
        assert re.fullmatch(
            r"(✅ \*\*Confirmed|🟡 \*\*Reported|❌ \*\*Denied)\*\* · .+ — \[[^\]]+\]"
            r"\(https://samples\.rumour-desk\.invalid/[^)]+\)( \+\d+)?, \d{4}-\d\d-\d\d",
            line,
        ), line
    assert [c["label"] for row in result.response.components for c in row["components"]] == [
        "Show quotes"
    ]

    quotes = await fan(simcord_env, "bob").click(result.response.message, label="Show quotes")
    assert quotes.ephemeral
    (shown,) = quotes.response.embeds
    assert shown.title == "Quotes · Latest on Real Madrid manager"
    assert (
        "> " in shown.description and "](https://samples.rumour-desk.invalid/" in shown.description
    )
    assert embed_problems(shown) == []

    newest = await fan(simcord_env, "carol").slash(channel, "summary")
    assert newest.response.embeds[0].title == "Latest rumours"
    assert len(newest.response.embeds[0]) < 1000
    assert_never_pings(simcord_env)


async def test_sources_lists_what_the_bot_knows(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, services: Services
) -> None:
    result = await fan(simcord_env).slash(channel, "sources")

    (embed,) = result.response.embeds
    assert embed.title == "Sources"
    assert embed.description.startswith("**2 sources · 7 articles** · never refreshed")
    assert "`articles.jsonl` — jsonl · 6 articles" in embed.description
    assert "`ping.jsonl` — jsonl · 1 article ·" in embed.description
    assert str(services.settings.data_dir.parent) not in embed.description  # paths stay private


async def test_articles_and_questions_with_mentions_ping_nobody(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    result = await alice.slash(channel, "ask", question="<@123> is Quenton Vale joining Zorblatt?")
    (embed,) = result.response.embeds
    assert "@everyone Quenton Vale" in embed.description  # quoted verbatim...
    assert embed.title == "is Quenton Vale joining Zorblatt?"  # mentions are not the question
    message = result.response.message
    assert not message.mention_everyone and message.role_mentions == []

    me = simcord_env.bot.user
    asked = await alice.send(
        channel, f"{me.mention} <@123> @here is Quenton Vale joining Zorblatt?"
    )
    reply = reply_to(simcord_env, channel, asked)
    assert "@everyone" in reply.embeds[0].description
    assert not reply.mention_everyone and reply.mentions == []
    assert_never_pings(simcord_env)  # ...and nothing the bot sent could ping


@pytest.mark.parametrize("bot_overrides", [{"ask_cooldown_seconds": 30}])
async def test_the_cooldown_tells_the_fan_when_to_come_back(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    assert (await alice.slash(channel, "ask", question=KROOS_QUESTION)).response.embeds

    again = await alice.slash(channel, "ask", question=KROOS_QUESTION)
    assert again.ephemeral
    assert again.response.content == "Slow down a little: you can use /ask again in 30 s."
    assert_error(simcord_env, discord.app_commands.CommandOnCooldown)

    bob = fan(simcord_env, "bob")  # per user: others are not held up
    assert (await bob.slash(channel, "ask", question=KROOS_QUESTION)).response.embeds
    await simcord_env.advance_time(31)
    assert (await alice.slash(channel, "ask", question=KROOS_QUESTION)).response.embeds

    me = simcord_env.bot.user
    await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")
    await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")
    assert channel.last_message.content == "Slow down a little: ask me again in 30 s."
    warning = channel.last_message
    await alice.send(channel, f"{me.mention} and again?")
    assert channel.last_message is not warning  # her message, with no second warning after it
    assert channel.last_message.content.endswith("and again?")


def _huge_answer() -> Answer:
    citations = [
        Citation(
            n,
            f"a{n}",
            f"Title {n} " + "long " * 60,
            "Outlet " * 10,
            f"https://e.example/{n}",
            "2026-01-30",
            "q",
        )
        for n in range(1, 41)
    ]
    text = "**Reported: the sources report or claim it; nothing confirms it.**\n"
    text += "".join(
        f"- Kicker claim Kroos could become Klopp's assistant [{n % 40 + 1}].\n" for n in range(400)
    )
    return Answer("", text[:10_000], Verdict.REPORTED, citations)


@pytest.mark.parametrize("stub_asker", [_StubAsker(_huge_answer())])
async def test_a_10000_character_answer_fits_discord(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    answer = simcord_env.bot.services.asker.outcome
    assert len(answer.text) == 10_000
    result = await fan(simcord_env).slash(
        channel, "ask", question="Is Kroos joining Klopp's staff?"
    )

    (embed,) = result.response.embeds  # Discord accepted it (a 400 would leave it "thinking")
    assert embed_problems(embed) == []
    assert len(embed) > 5000
    assert embed.description.endswith("…") and embed.fields[-1].value.endswith("more")


@pytest.mark.parametrize("stub_asker", [_StubAsker(RuntimeError("unset"))])
async def test_known_and_unknown_engine_errors(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, caplog: pytest.LogCaptureFixture
) -> None:
    bot: RumourBotBase = simcord_env.bot
    bot.services.asker.outcome = StoreError("The index is unavailable right now.")
    known = await fan(simcord_env).slash(channel, "ask", question=KROOS_QUESTION)
    assert known.response.content == "The index is unavailable right now."
    assert not known.deferred  # answered, never left thinking

    bot.services.asker.outcome = RuntimeError("boom")
    with caplog.at_level(logging.ERROR, logger="bot.discord.errors"):
        unknown = await fan(simcord_env, "bob").slash(channel, "ask", question=KROOS_QUESTION)
    ref = unknown.response.content.split("`")[1]
    assert unknown.response.content == (
        f"Something went wrong on my side (reference `{ref}`). Please try again later."
    )
    (record,) = caplog.records
    assert record.getMessage() == f"unexpected error in /ask (ref {ref})"
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)
    assert len(simcord_env.errors) == 2


async def test_a_rest_500_on_the_followup_is_logged_and_the_bot_carries_on(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, caplog: pytest.LogCaptureFixture
) -> None:
    simcord_env.inject_error("POST", "/webhooks/*", status=500)
    with caplog.at_level(logging.ERROR, logger="bot.discord.errors"):
        failed = await fan(simcord_env).slash(channel, "ask", question=KROOS_QUESTION)

    assert_error(simcord_env, discord.HTTPException, contains="500")
    ref = failed.response.content.split("`")[1]
    assert f"(ref {ref})" in caplog.text and "Internal Server Error" in caplog.text
    assert not failed.deferred  # the error reply completed the "thinking" message

    following = await fan(simcord_env, "bob").slash(channel, "ask", question=KROOS_QUESTION)
    assert following.response.embeds[0].author.name == "🟡 Reported"


@pytest.mark.parametrize("bot_overrides", [{"discord_guilds": [424242424242424242]}])
async def test_commands_sync_to_the_configured_guild(simcord_env: simcord.Env) -> None:
    puts = [r.path for r in simcord_env.http_requests if r.method == "PUT"]
    assert puts == [
        f"/applications/{simcord_env.backend.application_id}/guilds/424242424242424242/commands"
    ]
    channel = simcord_env.create_guild(id=424242424242424242).create_text_channel("dev")
    result = await fan(simcord_env).slash(channel, "ask", question=KROOS_QUESTION)
    assert result.response.embeds[0].author.name == "🟡 Reported"


@pytest.mark.parametrize("bot_overrides", [{"shards": 2}])
async def test_a_sharded_bot_answers_on_every_shard(simcord_env: simcord.Env) -> None:
    assert isinstance(simcord_env.bot, commands.AutoShardedBot)
    for shard_id in (0, 1):
        guild = simcord_env.create_guild(f"guild {shard_id}", shard_id=shard_id)
        channel = guild.create_text_channel("rumours")
        member = guild.add_member(simcord_env.create_user(f"fan{shard_id}"))
        result = await member.slash(channel, "ask", question=KROOS_QUESTION)
        assert result.response.embeds[0].author.name == "🟡 Reported"


@pytest.mark.parametrize("bot_overrides", [{"ask_cooldown_seconds": 30}])
async def test_an_answer_discord_would_not_take_does_not_use_up_the_cooldown(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    simcord_env.inject_error("POST", "/webhooks/*", status=502)  # the answer's follow-up
    failed = await alice.slash(channel, "ask", question=KROOS_QUESTION)
    assert failed.response.content.startswith("Something went wrong on my side")
    assert_error(simcord_env, discord.HTTPException, contains="502")

    again = await alice.slash(channel, "ask", question=KROOS_QUESTION)  # no "slow down"
    assert again.response.embeds[0].author.name == "🟡 Reported"
    third = await alice.slash(channel, "ask", question=KROOS_QUESTION)  # delivered: counted
    assert third.response.content == "Slow down a little: you can use /ask again in 30 s."
    assert_error(simcord_env, discord.app_commands.CommandOnCooldown)


@pytest.mark.parametrize("bot_overrides", [{"ask_cooldown_seconds": 30}])
async def test_a_mention_reply_discord_would_not_take_does_not_use_up_the_cooldown(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    me = simcord_env.bot.user
    simcord_env.inject_error("POST", "/channels/*/messages", status=503)
    await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")
    assert channel.last_message.author.id == alice.id  # the reply never arrived
    asked = await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")
    assert reply_to(simcord_env, channel, asked).embeds[0].author.name == "🟡 Reported"
    await alice.send(channel, f"{me.mention} is Kroos joining Klopp's staff?")
    assert channel.last_message.content == "Slow down a little: ask me again in 30 s."
