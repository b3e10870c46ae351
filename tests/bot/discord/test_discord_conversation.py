"""The real bot as a conversation, through SimCord: threads, follow-ups, votes, /config, citations.

One index (the bundled samples and a gossip column) serves the module; every test gets a fresh
bot built by `create_bot` and a database of its own for votes and channel settings (SimCord
numbers channels the same way in every test).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord
from simcord import assert_error

from bot import create_bot
from bot.app import Services
from bot.channels.settings import ChannelSettings
from bot.discord.app import RumourBotBase
from bot.discord.checks import ChannelClosed, NotModerator
from bot.feedback.store import FeedbackStore
from ingest.core.db import Database
from ingest.sources.runner import ingest_files
from tests.support.discord_helpers import assert_never_pings, embed_problems, fan, moderator
from tests.support.helpers import MakeServices

KANE_URL = "https://samples.rumour-desk.invalid/2021/05/kane-wants-out"
MIRROR_URL = "https://www.mirror.co.uk/sport/football/transfer-news/maitland-niles-23416338"
COLUMN_URL = "https://www.bbc.com/sport/55882192"
ITEMS = [
    {
        "text": "Liverpool have made an approach for Marseille centre-back Duje Caleta-Car, 24.",
        "cited_outlet": "www.dailymail.co.uk",
        "cited_url": "https://www.dailymail.co.uk/sport/football/article-9206871/caleta-car.html",
    },
    {
        "text": "Leicester are set to make a late loan move for Arsenal defender Ainsley "
        "Maitland-Niles. Southampton, West Brom and Newcastle are also interested.",
        "cited_outlet": "www.mirror.co.uk",
        "cited_url": MIRROR_URL,
    },
]
COLUMN = {
    "id": "bbc-gossip-2021-02-01",
    "title": "BBC Sport football gossip column, 1 February 2021",
    "source": "BBC Sport (gossip column)",
    "published": "2021-02-01",
    "url": COLUMN_URL,
    "text": "\n\n".join(f"{i['text']} ({i['cited_outlet']})" for i in ITEMS),
    "items": ITEMS,
}
KANE = "Is Kane joining Manchester City?"


@pytest.fixture(scope="module")
def index_services(
    tmp_path_factory: pytest.TempPathFactory, make_services: MakeServices
) -> Services:
    root = tmp_path_factory.mktemp("discord-conversation")
    built = make_services(root, samples=True, moderator_role="Rumour Mods")
    gossip = root / "gossip.jsonl"
    gossip.write_text(json.dumps(COLUMN) + "\n", encoding="utf-8")
    ingest_files(built.sources.ingestor, jsonl=[gossip])
    return built


@pytest.fixture
def services(index_services: Services, tmp_path: Path) -> Services:
    """The module's index, with a fresh database for this test."""
    db = Database.in_dir(tmp_path)
    return replace(index_services, db=db, feedback=FeedbackStore(db), channels=ChannelSettings(db))


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {}


def build_bot(services: Services, overrides: dict[str, Any]) -> RumourBotBase:
    settings = services.settings.model_copy(
        update={
            "refresh_minutes": 0,
            "watch_poll_seconds": 0,
            "ask_cooldown_seconds": 0,
            **overrides,
        }
    )
    return create_bot(replace(services, settings=settings))


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any]
) -> AsyncIterator[RumourBotBase]:
    bot = build_bot(services, bot_overrides)
    yield bot
    await bot.close()


@pytest.fixture
def channel(simcord_env: simcord.Env) -> simcord.ChannelHandle:
    return simcord_env.create_guild().create_text_channel("rumours")


def bot_messages(env: simcord.Env, where: simcord.ChannelHandle) -> list[discord.Message]:
    return [m for m in where.history() if m.author.id == env.bot.user.id]


def buttons(message: discord.Message | simcord.ResponseMessage) -> list[str]:
    """The buttons under a message, by label or emoji."""
    if isinstance(message, discord.Message):
        return [c.label or str(c.emoji) for row in message.components for c in row.children]
    return [
        c.get("label") or c["emoji"]["name"]
        for row in message.components
        for c in row["components"]
    ]


async def test_an_answer_opens_a_thread_where_a_follow_up_keeps_the_context(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    first = await alice.slash(channel, "ask", question=KANE)
    assert first.response.embeds[0].author.name == "🟡 Reported"
    assert buttons(first.response) == ["👍", "👎"]
    (thread,) = channel.threads
    assert thread.id == first.response.id and thread.name == KANE

    me = simcord_env.bot.user
    await alice.send(thread, f"{me.mention} what about chelsea?")
    (reply,) = bot_messages(simcord_env, thread)
    (embed,) = reply.embeds
    assert embed.title == "Is Kane joining Chelsea?"  # the person and the move carried over
    assert embed.author.name == "🟡 Reported"
    assert "Chelsea" in embed.description and f"]({KANE_URL})" in embed.description
    assert buttons(reply) == ["👍", "👎"]  # every answer can be rated
    assert len(channel.threads) == 1  # a follow-up stays in its thread

    # Without the Message Content intent a message that does not mention the bot arrives empty.
    await alice.send(thread, "what about arsenal?")
    assert len(bot_messages(simcord_env, thread)) == 1
    assert_never_pings(simcord_env)


@pytest.mark.parametrize("bot_overrides", [{"message_content_intent": True}])
async def test_with_the_content_intent_a_follow_up_needs_no_mention(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice = fan(simcord_env)
    await alice.slash(channel, "ask", question="Is Kane joining Chelsea?")
    (thread,) = channel.threads

    await alice.send(thread, "and his fee?")
    await alice.send(thread, "lol city are favourites")  # talk among fans is left alone
    (reply,) = bot_messages(simcord_env, thread)
    assert reply.embeds[0].title == "Kane's fee — is Kane joining Chelsea?"

    await simcord_env.advance_time(24 * 3600 + 60)  # the thread's context expires
    await alice.send(thread, "what about arsenal?")
    assert bot_messages(simcord_env, thread)[-1].content.startswith(
        "I no longer remember what this thread was about (a thread keeps its context for 24 h)."
    )


async def test_a_vote_is_stored_changed_and_survives_a_restart(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, services: Services
) -> None:
    alice = fan(simcord_env)
    question = "Is Kane joining Manchester United?"
    asked = await alice.slash(channel, "ask", question=question)
    message = asked.response.message

    up = await alice.click(message, custom_id=_vote(asked, "up"))
    assert up.ephemeral and up.response.content == "Thanks: your 👍 is counted."
    again = await alice.click(message, custom_id=_vote(asked, "up"))
    assert again.response.content == "Your 👍 was already counted."

    restarted = build_bot(services, {})  # the same services, a new process
    try:
        await simcord_env.restart_bot(restarted)
        down = await alice.click(message, custom_id=_vote(asked, "down"))
        assert down.modal is not None and down.modal["title"] == "What was wrong?"
        thanks = await alice.submit_modal(down, {"note": "City are not Man United"})
        assert thanks.ephemeral
        assert thanks.response.content == "Thanks: your 👎 is counted, with your note."
    finally:
        await restarted.close()

    report = services.feedback.report()
    (rated,) = [q for q in report.worst if q.question == question]
    assert (rated.up, rated.down, rated.comments) == (0, 1, ["City are not Man United"])
    with services.db.connect() as conn:
        voters = [r["voter"] for r in conn.execute("SELECT voter FROM votes")]
    assert str(alice.id) not in voters and all(len(v) == 32 for v in voters)


async def test_a_down_vote_without_a_note_and_a_vote_on_a_forgotten_answer(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, services: Services
) -> None:
    bob = fan(simcord_env, "bob")
    asked = await bob.slash(channel, "ask", question="Is Kane joining Barcelona?")
    down = await bob.click(asked.response.message, custom_id=_vote(asked, "down"))
    done = await bob.submit_modal(down, {})
    assert done.response.content == "Thanks: your 👎 is counted."

    with services.db.transaction() as conn:
        conn.execute("DELETE FROM answers WHERE id = ?", (_answer_id(asked),))
    gone = await bob.click(asked.response.message, custom_id=_vote(asked, "up"))
    assert gone.ephemeral
    assert (
        gone.response.content == "I can't find that answer any more, so the vote was not counted."
    )


async def test_config_restricts_a_channel_and_a_fan_is_refused(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    mod, alice = moderator(simcord_env), fan(simcord_env)
    me = simcord_env.bot.user

    saved = await mod.slash(channel, "config answers", mode="slash")
    assert saved.ephemeral
    assert f"<#{channel.id}>: answers slash commands only" in saved.response.embeds[0].description
    asked = await alice.send(channel, f"{me.mention} is Kane joining Chelsea?")
    assert not [
        m
        for m in bot_messages(simcord_env, channel)
        if m.reference and m.reference.message_id == asked.id
    ]
    assert (await alice.slash(channel, "ask", question="Is Kane joining Chelsea?")).response.embeds

    await mod.slash(channel, "config answers", mode="off")
    refused = await alice.slash(channel, "ask", question="Is Kane joining Chelsea?")
    assert refused.ephemeral and refused.response.content.startswith(
        "I don't answer in this channel: a moderator switched me off here with /config."
    )
    assert_error(simcord_env, ChannelClosed)
    for command, options in (("summary", {}), ("sources", {})):
        assert (await alice.slash(channel, command, **options)).ephemeral
        assert_error(simcord_env, ChannelClosed)

    other = simcord_env.guild.create_text_channel("transfers")
    assert (await alice.slash(other, "ask", question="Is Kane joining Chelsea?")).response.embeds

    with pytest.raises(simcord.SetupError, match="not visible"):
        await alice.slash(channel, "config answers", mode="all")
    root = next(c for c in await simcord_env.bot.tree.fetch_commands() if c.name == "config")
    simcord_env.guild.set_command_permissions(root, {alice: True})
    denied = await alice.slash(channel, "config answers", mode="all")
    assert denied.ephemeral and denied.response.content.startswith(
        "Only moderators can use /config answers"
    )
    assert_error(simcord_env, NotModerator)

    shown = await mod.slash(other, "config show", channel=channel)
    lines = shown.response.embeds[0].description.splitlines()
    assert lines == [f"<#{channel.id}>: answers nothing · /summary topic: none"]


async def test_a_channel_default_summary_topic(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    mod = moderator(simcord_env)
    await mod.slash(channel, "config summary-topic", topic="Real Madrid manager")
    result = await fan(simcord_env).slash(channel, "summary")
    assert result.response.embeds[0].title == "Latest on Real Madrid manager"
    shown = await mod.slash(channel, "config show")
    assert shown.response.embeds[0].description == (
        f"<#{channel.id}>: answers mentions and slash commands · "
        "/summary topic: Real Madrid manager"
    )


async def test_a_gossip_item_is_cited_by_the_outlet_it_quotes(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    result = await fan(simcord_env).slash(
        channel, "ask", question="Are Leicester after Maitland-Niles?"
    )
    (embed,) = result.response.embeds
    assert f"[[1]]({MIRROR_URL})" in embed.description  # the marker links the quoted story
    (line,) = embed.fields[0].value.splitlines()
    assert line == (
        f"**[1]** [mirror.co.uk]({MIRROR_URL}) via "
        f"[BBC Sport (gossip column)]({COLUMN_URL}), 2021-02-01"
    )
    assert line.count("2021") == 1 and "gossip column, 1 February" not in line
    assert embed_problems(embed) == []

    summary = await fan(simcord_env, "bob").slash(channel, "summary", topic="Maitland-Niles")
    lines = summary.response.embeds[0].description.splitlines()
    assert lines[0].startswith("🟡 **Reported** · Leicester are set to make a late loan move")
    for line in lines:  # each line credits the outlet its item quotes, linked
        assert line.endswith(f" — [mirror.co.uk]({MIRROR_URL}), 2021-02-01")


def _answer_id(result: simcord.InteractionResult) -> str:
    """The logged answer's id, as the answer's buttons carry it."""
    custom_id = result.response.components[0]["components"][0]["custom_id"]
    return custom_id.rsplit(":", 1)[1]


def _vote(result: simcord.InteractionResult, vote: str) -> str:
    return f"rumour:vote:{vote}:{_answer_id(result)}"
