"""Concurrent questions don't block each other, and RUMOUR_LLM_CONCURRENCY caps the LLM calls.

The answers go through the LLM path against the real OpenAI-compatible test server, whose
every chat completion takes LATENCY seconds.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import simcord

from bot import create_bot
from bot.discord_app import RumourBotBase
from bot.services import Services
from ingest.embedders import Embedder
from tests.conftest import KROOS_QUESTION, make_settings
from tests.openai_server import OpenAIServer, OpenAIStub
from tests.test_discord_support import emit_slash, sample_services

LATENCY = 1.0
FANS = 4


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(OpenAIStub(latency=LATENCY)) as running:
        yield running


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory, local_embedder: Embedder, server: OpenAIServer
) -> Iterator[Services]:
    settings = make_settings(
        tmp_path_factory.mktemp("discord-llm"),
        generator="openai",
        openai_base_url=server.base_url,
        llm_concurrency=FANS,
    )
    built = sample_services(settings, local_embedder)
    yield built
    built.close()


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {}


@pytest.fixture
async def simcord_bot(
    services: Services, bot_overrides: dict[str, Any]
) -> AsyncIterator[RumourBotBase]:
    settings = services.settings.model_copy(update={"refresh_minutes": 0, **bot_overrides})
    bot = create_bot(settings, services=services)
    yield bot
    await bot.close()


async def ask_together(env: simcord.Env, server: OpenAIServer) -> float:
    """Seconds for FANS fans asking at the same moment, all answered through the LLM."""
    guild = env.create_guild()
    channel = guild.create_text_channel("rumours")
    fans = [guild.add_member(env.create_user(f"fan{i}")) for i in range(FANS)]
    warm = guild.add_member(env.create_user("early-bird"))
    await warm.slash(channel, "ask", question=KROOS_QUESTION)  # first-use costs, not timed
    before = len(server.stub.chat_requests())
    start = time.perf_counter()
    results = [emit_slash(fan, channel, "ask", question=KROOS_QUESTION) for fan in fans]
    await env.settle(timeout=60)
    elapsed = time.perf_counter() - start
    assert len(server.stub.chat_requests()) - before == FANS  # every answer went through the LLM
    for result in results:
        assert (
            result.response is not None and result.response.embeds[0].author.name == "🟡 Reported"
        )
    return elapsed


async def test_concurrent_questions_do_not_wait_for_each_other(
    simcord_env: simcord.Env, server: OpenAIServer
) -> None:
    assert simcord_env.bot.uses_llm
    elapsed = await ask_together(simcord_env, server)
    assert elapsed < FANS * LATENCY * 0.75, elapsed  # one after another takes at least 4 s


@pytest.mark.parametrize("bot_overrides", [{"llm_concurrency": 1}])
async def test_llm_calls_are_capped_by_the_concurrency_setting(
    simcord_env: simcord.Env, server: OpenAIServer
) -> None:
    elapsed = await ask_together(simcord_env, server)
    assert elapsed >= FANS * LATENCY, elapsed  # one LLM call at a time
