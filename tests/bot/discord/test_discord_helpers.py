"""The Discord test helpers themselves: emitted commands overlap, and embed limits are seen."""

from __future__ import annotations

from dataclasses import replace

import discord
import pytest
import simcord

from bot.app import Services
from bot.discord.app import create_bot
from tests.support.discord_helpers import assert_never_pings, embed_problems, emit_slash
from tests.support.helpers import MakeServices


@pytest.fixture(scope="module")
def services(make_services: MakeServices) -> Services:
    return make_services(samples=True)


@pytest.fixture
def simcord_bot(services: Services) -> discord.Client:
    settings = services.settings.model_copy(update={"refresh_minutes": 0})
    return create_bot(replace(services, settings=settings))


async def test_emitted_commands_run_concurrently(simcord_env: simcord.Env) -> None:
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("general")
    fans = [guild.add_member(simcord_env.create_user(f"fan{i}")) for i in range(3)]
    results = [
        emit_slash(fan, channel, "ask", question="Is Kroos joining Klopp's staff?") for fan in fans
    ]
    await simcord_env.settle(timeout=30)
    for result in results:
        assert result.response is not None and result.response.embeds
    assert_never_pings(simcord_env)


def test_embed_problems_sees_an_oversized_embed() -> None:
    embed = discord.Embed(title="t" * 300, description="d" * 5800)
    assert embed_problems(embed) == ["title", "description", "total 6100"]
