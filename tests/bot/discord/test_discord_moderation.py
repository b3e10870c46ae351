"""Moderators drive the real bot through SimCord: /ingest, /reingest, /forget, refusals, the timer.

Pages and feeds come from a real HTTP server on 127.0.0.1, allowlisted in the settings. The
tests share one index and run in file order: what /ingest adds, later tests refresh or forget.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import discord
import pytest
import simcord
from simcord import assert_error

from bot import create_bot
from bot.app import Services
from bot.discord import progress
from bot.discord.app import RumourBotBase
from bot.discord.checks import NotModerator
from ingest.core.errors import BusyError, NotFoundError
from ingest.sources.locking import DataDirLock
from tests.support.discord_helpers import assert_never_pings, emit_slash
from tests.support.helpers import MakeServices
from tests.support.httpserver import HTTPTestServer, article_page, rss_feed

BRENNHOLZ = [
    "Werder Bremen are reportedly in advanced talks to sign striker Lucas Brennholz from "
    "Sturm Graz, according to Kicker. The fee is said to be around eight million euros.",
    "Brennholz could travel to Bremen for a medical next week, sources close to the club claim, "
    "although Sturm Graz have not commented on the report.",
]
MOD_ROLE = "Rumour Mods"


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        running.route("/brennholz", article_page("Brennholz close to Werder Bremen", BRENNHOLZ))
        for n in (1, 2):
            running.route(
                f"/slow-{n}",
                article_page(f"Filler story {n}", [f"Filler paragraph {n}. " * 12] * 3),
                delay=0.3,
            )
        yield running


@pytest.fixture(scope="module")
def services(make_services: MakeServices, server: HTTPTestServer) -> Services:
    return make_services(samples=True, fetch_allowlist=[server.netloc], moderator_role=MOD_ROLE)


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"refresh_minutes": 0}


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any]
) -> AsyncIterator[RumourBotBase]:
    bot = create_bot(replace(services, settings=services.settings.model_copy(update=bot_overrides)))
    yield bot
    await bot.close()


@pytest.fixture
def channel(simcord_env: simcord.Env) -> simcord.ChannelHandle:
    return simcord_env.create_guild().create_text_channel("mods")


@pytest.fixture
def mod(simcord_env: simcord.Env, channel: simcord.ChannelHandle) -> simcord.MemberActor:
    guild = simcord_env.guild
    managers = guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(simcord_env.create_user("mod"), roles=[managers])


def fan(env: simcord.Env, name: str = "fan") -> simcord.MemberActor:
    return env.guild.add_member(env.create_user(name))


async def command(env: simcord.Env, name: str) -> discord.app_commands.AppCommand:
    return next(c for c in await env.bot.tree.fetch_commands() if c.name == name)


def progress_edits(env: simcord.Env) -> list[str]:
    return [
        r.json["content"]
        for r in env.http_requests
        if r.method == "PATCH" and r.path.endswith("/messages/@original") and r.json.get("content")
    ]


async def test_ingest_from_a_local_server_then_ask_finds_the_article(
    simcord_env: simcord.Env,
    channel: simcord.ChannelHandle,
    mod: simcord.MemberActor,
    server: HTTPTestServer,
) -> None:
    url = server.url("/brennholz")
    result = await mod.slash(channel, "ingest", url=url)

    callback = next(r for r in simcord_env.http_requests if r.path.endswith("/callback"))
    assert callback.json == {"type": 5, "data": {"flags": 64}}  # deferred, ephemeral
    assert result.ephemeral
    (embed,) = result.response.embeds
    assert embed.title == f"Ingested {url}"
    assert embed.description.startswith("**1 new**, 0 updated, 0 unchanged, 0 failed")
    assert embed.colour == discord.Colour.green()

    answer = await fan(simcord_env).slash(
        channel, "ask", question="Is Brennholz joining Werder Bremen?"
    )
    (embed,) = answer.response.embeds
    assert embed.author.name == "🟡 Reported"
    assert "Werder Bremen are reportedly in advanced talks" in embed.description
    assert f"]({url})" in embed.fields[0].value
    assert_never_pings(simcord_env)


async def test_reingest_edits_its_progress_and_a_second_run_is_told_so(
    simcord_env: simcord.Env,
    channel: simcord.ChannelHandle,
    mod: simcord.MemberActor,
    server: HTTPTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "PROGRESS_INTERVAL", 0.0)  # every step, not every 1.5 s
    for n in (1, 2):
        await mod.slash(channel, "ingest", url=server.url(f"/slow-{n}"))
    other = simcord_env.guild.add_member(
        simcord_env.create_user("other-mod"), roles=[simcord_env.guild.roles["Managers"]]
    )
    simcord_env.http_requests.clear()

    first = emit_slash(mod, channel, "reingest")
    second = emit_slash(other, channel, "reingest")
    await simcord_env.settle(timeout=30)

    assert second.ephemeral and second.response.content == (
        "A re-ingest started by mod is already running; try again when it has finished."
    )
    assert_error(simcord_env, BusyError)
    (embed,) = first.response.embeds
    assert embed.title == "Re-ingested every source"
    assert "3 unchanged" in embed.description
    assert first.response.content == ""  # the progress line gave way to the report
    edits = progress_edits(simcord_env)
    steps = [e.split(" · ")[0] for e in edits]
    assert steps[:3] == ["⏳ Re-ingesting 0/3", "⏳ Re-ingesting 1/3", "⏳ Re-ingesting 2/3"]
    assert edits[0].startswith("⏳ Re-ingesting 0/3 · `http://127.0.0.1")


async def test_reingest_while_another_process_writes_is_told_so(
    simcord_env: simcord.Env,
    channel: simcord.ChannelHandle,
    mod: simcord.MemberActor,
    services: Services,
) -> None:
    with DataDirLock(services.settings.data_dir).hold():  # e.g. `rumour refresh` in a terminal
        result = await mod.slash(channel, "reingest")
    assert result.ephemeral
    assert result.response.content.startswith(
        "Another ingest or refresh is running on this data directory"
    )
    assert_error(simcord_env, BusyError)


async def test_a_non_moderator_is_refused_by_the_in_code_check(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    guild = simcord_env.guild
    member = fan(simcord_env)
    with pytest.raises(simcord.SetupError, match="not visible"):
        await member.slash(channel, "forget", target="anything")
    for name in ("ingest", "reingest", "forget"):  # a server admin let them see the commands
        guild.set_command_permissions(await command(simcord_env, name), {member: True})

    result = await member.slash(channel, "forget", target="https://samples.rumour-desk.invalid/")
    assert result.ephemeral
    assert result.response.content == (
        "Only moderators can use /forget: it needs the Manage Server permission "
        f"or the “{MOD_ROLE}” role."
    )
    assert not result.deferred
    assert_error(simcord_env, NotModerator)
    await member.slash(channel, "ingest", url="https://news.example/")
    assert_error(simcord_env, NotModerator)


async def test_forget_removes_a_source_and_the_moderator_role_is_enough(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, server: HTTPTestServer
) -> None:
    guild = simcord_env.guild
    role = guild.create_role(MOD_ROLE)  # no permissions of its own
    helper = guild.add_member(simcord_env.create_user("helper"), roles=[role])
    guild.set_command_permissions(await command(simcord_env, "forget"), {role: True})

    url = server.url("/brennholz")
    result = await helper.slash(channel, "forget", target=url)
    assert result.ephemeral
    assert result.response.content.startswith(f"Forgot `{url}`: 1 article, ")

    answer = await fan(simcord_env).slash(
        channel, "ask", question="Is Brennholz joining Werder Bremen?"
    )
    assert url not in str(answer.response.embeds[0].to_dict())

    missing = await helper.slash(channel, "forget", target="@everyone <@123> nothing")
    assert missing.ephemeral and "@everyone <@123> nothing" in missing.response.content
    assert not missing.response.message.mention_everyone
    assert_error(simcord_env, NotFoundError)
    assert_never_pings(simcord_env)


@pytest.mark.parametrize("bot_overrides", [{"refresh_minutes": 30}])
async def test_the_scheduled_refresh_reads_new_feed_entries(
    simcord_env: simcord.Env,
    channel: simcord.ChannelHandle,
    mod: simcord.MemberActor,
    server: HTTPTestServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def feed(*slugs: str) -> str:
        return rss_feed(
            "Ball Feed", [{"title": s, "link": server.url(f"/{s}"), "guid": s} for s in slugs]
        )

    server.route(
        "/quillon",
        article_page(
            "Quillon to Hertha?",
            [
                "Hertha Berlin are said to be monitoring winger Arno Quillon, according to Bild. "
                * 3
            ],
        ),
    )
    server.route(
        "/marvik",
        article_page(
            "Marvik wanted by Union",
            ["Union Berlin could move for defender Sten Marvik in January, reports claim. " * 3],
        ),
    )
    server.route("/feed.xml", feed("quillon"), content_type="application/rss+xml")
    await mod.slash(channel, "ingest", url=server.url("/feed.xml"))
    stored = {r.id for r in simcord_env.bot.services.reader.list_articles()}
    assert server.url("/quillon") in stored and server.url("/marvik") not in stored

    server.route("/feed.xml", feed("quillon", "marvik"), content_type="application/rss+xml")
    with caplog.at_level(logging.INFO, logger="bot.discord.cogs.refresh"):
        await simcord_env.advance_time(29 * 60)
        assert server.url("/marvik") not in {
            r.id for r in simcord_env.bot.services.reader.list_articles()
        }
        await simcord_env.advance_time(60)
    assert server.url("/marvik") in {
        r.id for r in simcord_env.bot.services.reader.list_articles()
    }
    assert "scheduled feed refresh: 1 new, 0 updated, 1 unchanged, 0 failed" in caplog.text


@pytest.mark.parametrize("bot_overrides", [{"refresh_minutes": 30}])
async def test_the_scheduled_refresh_never_overlaps_and_never_raises(
    simcord_env: simcord.Env, services: Services, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    cog = simcord_env.bot.get_cog("RefreshCog")
    # Each bot loads its own copy of the extension module, so its class is looked up by name.
    assert type(cog).__name__ == "RefreshCog" and cog.scheduled_refresh.is_running()
    with caplog.at_level(logging.INFO, logger="bot.discord.cogs.refresh"):
        with DataDirLock(services.settings.data_dir).hold():
            assert await cog.refresh_feeds() is None
        assert "scheduled feed refresh skipped: Another ingest or refresh is running" in caplog.text

        async with simcord_env.bot.writing("A re-ingest started by mod"):
            assert await cog.refresh_feeds() is None
        assert "skipped: A re-ingest started by mod is already running" in caplog.text

        def broken(**_: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(services.sources, "refresh_feeds", broken)
        assert await cog.refresh_feeds() is None
    failure = next(r for r in caplog.records if r.getMessage() == "scheduled feed refresh failed")
    assert isinstance(failure.exc_info[1], OSError)
    assert cog.scheduled_refresh.is_running()
