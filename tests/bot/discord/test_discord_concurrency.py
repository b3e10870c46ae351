"""Concurrent questions don't block each other, and RUMOUR_LLM_CONCURRENCY caps the LLM calls.

The answers go through the LLM path against the real OpenAI-compatible test server, whose
every chat completion takes LATENCY seconds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import pytest
import simcord

from bot import create_bot
from bot.app import Services
from bot.discord.app import RumourBotBase
from tests.support.discord_helpers import emit_slash
from tests.support.helpers import KROOS_QUESTION, MakeServices
from tests.support.openai_server import OpenAIServer, OpenAIStub

LATENCY = 1.0
FANS = 4


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(OpenAIStub(latency=LATENCY)) as running:
        yield running


@pytest.fixture(scope="module")
def services(make_services: MakeServices, server: OpenAIServer) -> Services:
    return make_services(
        samples=True, generator="openai", openai_base_url=server.base_url, llm_concurrency=FANS
    )


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {}


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any]
) -> AsyncIterator[RumourBotBase]:
    settings = services.settings.model_copy(update={"refresh_minutes": 0, **bot_overrides})
    bot = create_bot(replace(services, settings=settings))
    yield bot
    await bot.close()


async def ask_together(env: simcord.Env, server: OpenAIServer) -> int:
    """How many LLM calls ran at once while FANS fans asked at the same moment."""
    guild = env.create_guild()
    channel = guild.create_text_channel("rumours")
    fans = [guild.add_member(env.create_user(f"fan{i}")) for i in range(FANS)]
    warm = guild.add_member(env.create_user("early-bird"))
    await warm.slash(channel, "ask", question=KROOS_QUESTION)  # first-use costs, not timed
    before = len(server.stub.chat_requests())
    server.stub.reset_in_flight()
    results = [emit_slash(fan, channel, "ask", question=KROOS_QUESTION) for fan in fans]
    await env.settle(timeout=60)
    assert len(server.stub.chat_requests()) - before == FANS  # every answer went through the LLM
    for result in results:
        assert (
            result.response is not None and result.response.embeds[0].author.name == "🟡 Reported"
        )
    return server.stub.max_in_flight


async def test_concurrent_questions_do_not_wait_for_each_other(
    simcord_env: simcord.Env, server: OpenAIServer
) -> None:
    assert simcord_env.bot.uses_llm
    assert await ask_together(simcord_env, server) == FANS  # all four calls overlapped


@pytest.mark.parametrize("bot_overrides", [{"llm_concurrency": 1}])
async def test_llm_calls_are_capped_by_the_concurrency_setting(
    simcord_env: simcord.Env, server: OpenAIServer
) -> None:
    assert await ask_together(simcord_env, server) == 1  # one LLM call at a time


@pytest.mark.parametrize("bot_overrides", [{"llm_concurrency": 1}])
async def test_round_ups_share_the_llm_limit(
    simcord_env: simcord.Env, server: OpenAIServer
) -> None:
    assert simcord_env.bot.services.summarizer.uses_llm
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("rumours")
    fans = [guild.add_member(simcord_env.create_user(f"reader{i}")) for i in range(3)]
    before = len(server.stub.chat_requests())
    server.stub.reset_in_flight()
    results = [emit_slash(fan, channel, "summary", topic="Real Madrid manager") for fan in fans]
    await simcord_env.settle(timeout=60)
    assert len(server.stub.chat_requests()) - before == 3
    assert server.stub.max_in_flight == 1
    assert all(r.response is not None and r.response.embeds for r in results)


async def test_an_answer_that_takes_too_long_becomes_a_clear_error(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import bot.discord.app
    from ingest.core.errors import RumourError

    monkeypatch.setattr(bot.discord.app, "ANSWER_DEADLINE_SECONDS", 0.2)
    rumour_bot = create_bot(services)
    try:
        with pytest.raises(RumourError, match="took too long"):
            await rumour_bot._within_deadline(services.asker, time.sleep, 2)
        assert await rumour_bot._within_deadline(services.asker, sum, [1, 2]) == 3
    finally:
        await rumour_bot.close()
