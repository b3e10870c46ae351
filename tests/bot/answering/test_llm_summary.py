"""LLMSummaryWriter: an LLM round-up of extractive rumour lines, verified like answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openai
import pytest

from bot.answering.answer import Verdict
from bot.answering.generate import (
    SUMMARY_PROMPTS,
    UNAVAILABLE_SUMMARY_NOTE,
    UNGROUNDED_SUMMARY_NOTE,
    LLMSummaryWriter,
)
from bot.answering.llm import OpenAIChat
from bot.answering.prompting import Passage, load_prompts
from ingest.claims.gazetteer import default_gazetteer
from ingest.core.settings import Settings
from ingest.parsing.loaders import sample_articles_path
from tests.support.helpers import make_settings
from tests.support.openai_server import OpenAIServer, Scripted

MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Item:
    """The shape bot.summary.SummaryItem has: text, certainty, citation numbers."""

    text: str
    certainty: Verdict
    citations: tuple[int, ...]


def _samples() -> dict[str, dict]:
    lines = sample_articles_path().read_text(encoding="utf-8").splitlines()
    return {record["id"].rsplit("/", 1)[-1]: record for record in map(json.loads, lines)}


def _passage(n: int, record: dict, key: str) -> Passage:
    return Passage(
        n,
        record["id"],
        record["source"],
        record["published"],
        record["title"],
        record["url"],
        record["text"],
        key=(key,),
    )


SAMPLES = _samples()
# The caller's numbering (its citation list) is kept: 2 and 5, not 1 and 2.
PASSAGES = [
    _passage(2, SAMPLES["klopp-kroos-intermediary"], "Kroos could become Klopp's assistant"),
    _passage(5, SAMPLES["kane-wants-out"], "Harry Kane has told Tottenham again"),
]
ITEMS = [
    Item("Kroos could become Klopp's assistant at Real Madrid.", Verdict.REPORTED, (2,)),
    Item("Harry Kane has told Tottenham he wants to leave.", Verdict.REPORTED, (5,)),
]


@pytest.fixture
def chat(openai_server: OpenAIServer) -> Iterator[OpenAIChat]:
    """The adapter over a client of the local server, without SDK retries."""
    client = openai.OpenAI(api_key="local", base_url=openai_server.base_url, max_retries=0)
    yield OpenAIChat(client, MODEL)
    client.close()


@pytest.fixture
def summary_settings(tmp_path: Path) -> Settings:
    """Settings with the default context budget."""
    return make_settings(tmp_path, generator="openai")


def writer(chat: OpenAIChat, settings: Settings, **limits: int) -> LLMSummaryWriter:
    """The round-up writer with the bundled summary prompts and the settings' budget."""
    prompts = load_prompts(settings, *SUMMARY_PROMPTS)
    return LLMSummaryWriter(
        chat,
        prompts,
        gazetteer=default_gazetteer(),
        context_tokens=settings.context_tokens,
        **limits,
    )


def test_the_round_up_is_verified_and_keeps_the_callers_numbers(
    chat: OpenAIChat, summary_settings: Settings, openai_server: OpenAIServer
) -> None:
    openai_server.stub.chat_script.append(
        Scripted(
            content=(
                "Kicker claim Kroos could become Klopp's assistant at Real Madrid [2]. "
                "Kroos will join Klopp's staff at Real Madrid [2]. "
                "Kane wants to leave Tottenham, Sky Sports reports [5]. "
                "Barcelona have agreed a deal with Xavi [7]."
            )
        )
    )
    written = writer(chat, summary_settings).write("Real Madrid", ITEMS, PASSAGES)
    assert written.text == (
        "Kicker claim Kroos could become Klopp's assistant at Real Madrid [2]. "
        "Kane wants to leave Tottenham, Sky Sports reports [5]."
    )
    [request] = openai_server.stub.chat_requests()
    user = request["messages"][1]["content"]
    assert "Topic: Real Madrid" in user
    assert "- (reported) Kroos could become Klopp's assistant at Real Madrid. [2]" in user
    assert "[5] Sky Sports (sample rewrite) | 2021-05-18 | Kane tells Spurs" in user
    assert "reported rumour stays reported" in request["messages"][0]["content"]


def test_the_round_up_is_cut_to_fit(
    chat: OpenAIChat, summary_settings: Settings, openai_server: OpenAIServer
) -> None:
    sentence = "Kicker claim Kroos could become Klopp's assistant [2]."  # 54 characters
    openai_server.stub.chat_script.append(Scripted(content=" ".join([sentence] * 10)))
    written = writer(chat, summary_settings, max_chars=120).write("Kroos", ITEMS, PASSAGES)
    assert written.text == f"{sentence} {sentence}"


@pytest.mark.parametrize(
    ("reply", "note"),
    [
        (Scripted(status=503), UNAVAILABLE_SUMMARY_NOTE),
        (Scripted(body={"choices": []}), UNAVAILABLE_SUMMARY_NOTE),
        (Scripted(content="No idea."), UNGROUNDED_SUMMARY_NOTE),
        # Each sentence claims more than its passage: none is left.
        (
            Scripted(
                content="Kroos has signed for Real Madrid [2]. Kane has joined Manchester City [5]."
            ),
            UNGROUNDED_SUMMARY_NOTE,
        ),
    ],
    ids=["server-error", "no-choices", "uncited", "nothing-held"],
)
def test_an_unusable_round_up_gives_no_text_and_says_why(
    chat: OpenAIChat,
    summary_settings: Settings,
    openai_server: OpenAIServer,
    reply: Scripted,
    note: str,
) -> None:
    openai_server.stub.chat_script.append(reply)
    written = writer(chat, summary_settings).write("Kroos", ITEMS, PASSAGES)
    assert (written.text, written.note) == ("", note)
    assert len(openai_server.stub.chat_requests()) == 1
