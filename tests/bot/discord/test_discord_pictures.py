"""Pictures of a real /ask and /summary reply, drawn from SimCord's payloads (docs/*.png).

The test draws both replies into a temporary folder; with UPDATE_DOCS_PICTURES=1 it also
writes them to docs/, where the README shows them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import simcord

from bot import create_bot
from bot.app import Services
from bot.discord.app import RumourBotBase
from tests.support.helpers import KROOS_QUESTION, REPO, MakeServices

pytest.importorskip("PIL")
from tests.support.render_png import render_message  # after the skip: it needs Pillow


@pytest.fixture(scope="module")
def services(make_services: MakeServices) -> Services:
    return make_services(samples=True)


@pytest.fixture
async def simcord_bot(services: Services) -> AsyncIterator[RumourBotBase]:
    settings = services.settings.model_copy(update={"refresh_minutes": 0})
    bot = create_bot(replace(services, settings=settings))
    yield bot
    await bot.close()


def _buttons(result: simcord.InteractionResult) -> list[str]:
    return [
        c.get("label") or c["emoji"]["name"]
        for row in result.response.components
        for c in row["components"]
    ]


async def test_an_ask_and_a_summary_reply_drawn_as_pictures(
    simcord_env: simcord.Env, tmp_path: Path
) -> None:
    channel = simcord_env.create_guild().create_text_channel("rumours")
    fan = simcord_env.guild.add_member(simcord_env.create_user("alice"))
    asked = await fan.slash(channel, "ask", question=KROOS_QUESTION)
    summary = await fan.slash(channel, "summary", topic="Real Madrid manager", days=3650)

    where = REPO / "docs" if os.environ.get("UPDATE_DOCS_PICTURES") == "1" else tmp_path
    for name, result in (("discord-ask", asked), ("discord-summary", summary)):
        image = render_message(
            "Rumour desk", result.response.embeds, _buttons(result), where / f"{name}.png"
        )
        assert image.width == 900 and 150 < image.height < 1400
        assert (where / f"{name}.png").stat().st_size > 5_000
