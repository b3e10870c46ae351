"""/timeline, /watch and the digests against the real bot, through SimCord.

Each test gets its own data dir: a real ledger built from the Ben White series (tests/support/
series.py), ingested as a JSON Lines source that later steps extend and re-ingest.
"""

from __future__ import annotations

import struct
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord
from simcord import assert_error

from bot import create_bot
from bot.alerts.service import AlertService
from bot.app import Services
from bot.discord.app import RumourBotBase
from ingest.core.errors import RumourError
from ingest.ledger import schema
from tests.support.discord_helpers import assert_never_pings, fan, moderator
from tests.support.helpers import MakeServices
from tests.support.series import SERIES, write_jsonl

INTEREST, LEEDS, BID, DONE, ECHO = SERIES
QUILLON = {
    "id": "quillon",
    "title": "Celtic watch Quillon",
    "text": "Celtic are interested in Hibernian winger Arno Quillon.",
    "source": "Daily Record",
    "published": "2021-06-16",
}
MOD_ROLE = "Rumour Mods"
DIGEST_NOW = datetime(2021, 6, 21, 12, tzinfo=UTC)  # the digest's clock, set by the test


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "white.jsonl", [INTEREST, LEEDS])


@pytest.fixture
def services(make_services: MakeServices, tmp_path: Path, feed: Path) -> Services:
    built = make_services(tmp_path, moderator_role=MOD_ROLE)
    built.sources.ingest(jsonl=[feed])
    alerts = AlertService(
        built.db,
        built.asker.finder,
        per_user=built.settings.watches_per_user,
        per_server=built.settings.watches_per_server,
        notes=built.records,
        now=lambda: DIGEST_NOW,
    )
    return replace(built, alerts=alerts)


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {}


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any]
) -> AsyncIterator[RumourBotBase]:
    settings = services.settings.model_copy(
        update={
            "refresh_minutes": 0,
            "summary_cooldown_seconds": 0,
            "watch_poll_seconds": 60,
            **bot_overrides,
        }
    )
    bot = create_bot(replace(services, settings=settings))
    yield bot
    await bot.close()


@pytest.fixture
def channel(simcord_env: simcord.Env) -> simcord.ChannelHandle:
    return simcord_env.create_guild().create_text_channel("rumours")


def alerts_in(env: simcord.Env, where: simcord.ChannelHandle) -> list[discord.Embed]:
    return [
        m.embeds[0]
        for m in where.history()
        if m.author.id == env.bot.user.id
        and m.embeds
        and m.embeds[0].author.name
        and m.embeds[0].author.name.startswith("👀")
    ]


async def test_timeline_attaches_the_chart_and_lists_the_claims(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, feed: Path
) -> None:
    write_jsonl(feed, SERIES)
    await moderator(simcord_env).slash(channel, "reingest")
    result = await fan(simcord_env).slash(channel, "timeline", person="ben white")
    (embed,) = result.response.embeds
    assert embed.title == "Timeline · Ben White"
    assert embed.image.url == "attachment://timeline.png"
    (attachment,) = result.response.attachments
    data = await attachment.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1000, 560)
    lines = embed.description.splitlines()
    assert lines[0] == "✅ to Arsenal: completed, 2021-07-30"
    assert [line.split("**", 2)[1] for line in lines[1:]] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    assert "Sky Sports · interest · to Arsenal" in lines[1]
    sources = embed.fields[0].value
    assert "Sky Sports: right on 1 of 1 resolved move (est. 68%)" in sources  # the records


async def test_timeline_of_a_single_claim_is_a_line_of_text(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, feed: Path
) -> None:
    write_jsonl(feed, [INTEREST, LEEDS, QUILLON])
    await moderator(simcord_env).slash(channel, "reingest")
    result = await fan(simcord_env).slash(channel, "timeline", person="Quillon")
    (embed,) = result.response.embeds
    assert embed.description.startswith("Only one claim about Arno Quillon so far")
    assert not result.response.attachments and embed.image.url is None


async def test_a_watch_fires_once_across_a_refresh_and_a_reingest(
    simcord_env: simcord.Env,
    channel: simcord.ChannelHandle,
    services: Services,
    feed: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice, mod = fan(simcord_env), moderator(simcord_env)
    set_up = await alice.slash(channel, "watch add", target="ben white")
    assert set_up.ephemeral and set_up.response.content.startswith("Watching **Ben White**")
    assert alerts_in(simcord_env, channel) == []  # what is already known is not news

    write_jsonl(feed, [INTEREST, LEEDS, BID])  # the bid comes out; a moderator refreshes
    await mod.slash(channel, "reingest")
    (alert,) = alerts_in(simcord_env, channel)
    assert alert.title == "Ben White, to Arsenal"
    assert alert.description.startswith("**Reported** · interest → bid\n> Arsenal have made")
    assert "Daily Mail" in alert.fields[0].value  # the new claim's citation
    named = [m for m in channel.history() if m.embeds and m.embeds[0].title == alert.title]
    assert named[0].content == f"<@{alice.id}>"  # named, and never pinged:
    assert_never_pings(simcord_env)

    await mod.slash(channel, "reingest")  # nothing changed: nothing to say
    monkeypatch.setattr(schema, "EXTRACTOR_VERSION", "test-reread")
    services.sources.sync_claims()  # every article read again: new rows, the same claims
    await simcord_env.advance_time(61)  # the ledger poll notices the new revision
    assert len(alerts_in(simcord_env, channel)) == 1

    # `rumour refresh` in another process: only the ledger's revision tells the bot.
    write_jsonl(feed, [INTEREST, LEEDS, BID, DONE, ECHO])
    services.sources.refresh()
    await simcord_env.advance_time(61)
    alerts = alerts_in(simcord_env, channel)
    assert len(alerts) == 2
    assert alerts[-1].description.startswith("**Reported → Confirmed** · bid → completed")
    await mod.slash(channel, "reingest")
    await simcord_env.advance_time(61)
    assert len(alerts_in(simcord_env, channel)) == 2


async def test_a_club_watch_by_dm_and_the_list_and_unwatch(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, feed: Path
) -> None:
    alice, mod = fan(simcord_env), moderator(simcord_env)
    await alice.slash(channel, "watch add", target="leeds", delivery="dm")
    await alice.slash(channel, "watch add", target="Ben White")
    listed = await alice.slash(channel, "watch list")
    assert listed.response.embeds[0].description.splitlines() == [
        "• **Leeds United** (club) → your DMs",
        f"• **Ben White** (person) → <#{channel.id}>",
    ]

    write_jsonl(feed, [INTEREST, LEEDS, BID, DONE])  # Leeds miss out: he goes to Arsenal
    await mod.slash(channel, "reingest")
    dms = alerts_in(simcord_env, alice.user.dm_channel)
    assert [e.title for e in dms] == []  # the Leeds move's own claims did not change
    assert [e.title for e in alerts_in(simcord_env, channel)] == ["Ben White, to Arsenal"]

    quillon_to_leeds = {**QUILLON, "id": "q2", "text": "Leeds are interested in Arno Quillon."}
    write_jsonl(feed, [INTEREST, LEEDS, BID, DONE, quillon_to_leeds])
    await mod.slash(channel, "reingest")
    (dm,) = alerts_in(simcord_env, alice.user.dm_channel)
    assert dm.title == "Arno Quillon, to Leeds United" and dm.description.startswith("New:")

    gone = await alice.slash(channel, "unwatch", target="Leeds United")
    assert gone.response.content == "Stopped watching **Leeds United**."
    missing = await alice.slash(channel, "unwatch", target="Leeds United")
    assert missing.response.content.startswith("You don't watch Leeds United here")
    assert_error(simcord_env, RumourError)


async def test_moderators_cap_the_watches(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle
) -> None:
    alice, bob, mod = fan(simcord_env), fan(simcord_env, "bob"), moderator(simcord_env)
    saved = await mod.slash(channel, "config watch-limits", per_user=1, per_server=2)
    assert saved.response.content == "Saved: 1 watches per fan, 2 in this server."
    await alice.slash(channel, "watch add", target="Ben White")
    refused = await alice.slash(channel, "watch add", target="Arsenal")
    assert refused.response.content.startswith("No room for another watch: a fan may keep 1")
    assert_error(simcord_env, RumourError)
    await bob.slash(channel, "watch add", target="Arsenal")
    full = await fan(simcord_env, "carol").slash(channel, "watch add", target="Leeds")
    assert "the server 2" in full.response.content
    assert_error(simcord_env, RumourError)
    unknown = await bob.slash(channel, "watch add", target="Zorblax Quimby")
    assert unknown.response.content.startswith("I can't find Zorblax Quimby in the sources")
    assert_error(simcord_env, RumourError)


async def test_the_weekly_digest_posts_the_moves_whose_stage_changed(
    simcord_env: simcord.Env, channel: simcord.ChannelHandle, feed: Path
) -> None:
    mod = moderator(simcord_env)
    write_jsonl(feed, [INTEREST, LEEDS, QUILLON, BID])
    await mod.slash(channel, "reingest")
    saved = await mod.slash(channel, "config digest", every="weekly")
    assert saved.response.content == f"<#{channel.id}>: weekly digest."
    await simcord_env.advance_time(10 * 60)  # the digest timer's next tick
    posts = [
        m.embeds[0]
        for m in channel.history()
        if m.embeds and m.embeds[0].title == "Weekly digest · moves whose stage changed"
    ]
    (digest,) = posts
    lines = digest.description.splitlines()
    # Newest first: the bid of 20 June, then Quillon's first claim on 16 June; the interest
    # of 1 and 10 June is older than the week.
    assert lines[0].startswith("🟡 **Ben White**, to Arsenal: interest → bid · “Arsenal have made")
    assert lines[0].endswith("[1]")
    assert lines[1].startswith("🟡 **Arno Quillon**, to Celtic: new, interest")
    assert len(lines) == 2
    assert digest.footer.text == "articles published 2021-06-14 to 2021-06-21 · newest first"
    assert "Daily Mail" in digest.fields[0].value
    await simcord_env.advance_time(10 * 60)  # not due again for a week
    shown = await mod.slash(channel, "config show")
    assert f"<#{channel.id}>: weekly digest" in shown.response.embeds[0].description
    assert (
        len([m for m in channel.history() if m.embeds and "digest" in (m.embeds[0].title or "")])
        == 1
    )
