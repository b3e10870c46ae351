"""Summaries (round-ups) and the `rumour eval` runner, on small real indexes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.answering.answer import Verdict
from bot.app import Services
from bot.cli.main import main
from ingest.core.schema import Article
from tests.support.helpers import REPO, MakeServices

ARTICLES = [
    Article(
        id="a-old",
        title="Real Madrid consider Emery",
        text="Real Madrid are considering Unai Emery as their next manager, according to Marca.",
        source="Marca",
        published="2026-01-10",
    ),
    Article(
        id="a-new",
        title="Klopp top target for Real Madrid",
        text="Jurgen Klopp remains Real Madrid's top target for the manager's job, reports in Spain claim.",
        source="AS",
        published="2026-01-28",
    ),
    Article(
        id="a-copy",
        title="Klopp still Madrid's top target",
        text="Jurgen Klopp remains Real Madrid's top target for the manager's job, reports claim.",
        source="Football365",
        published="2026-01-27",
    ),
    Article(
        id="a-striker",
        title="Real Madrid eye Haaland",
        text="Real Madrid are interested in signing Borussia Dortmund striker Erling Haaland, reports claim.",
        source="Bild",
        published="2026-01-29",
    ),
    Article(
        id="a-other",
        title="Arsenal beat Spurs",
        text="Arsenal beat Tottenham 3-1 in the north London derby on Sunday afternoon.",
        source="BBC Sport",
        published="2026-01-29",
    ),
]


@pytest.fixture(scope="module")
def services(make_services: MakeServices) -> Services:
    built = make_services()
    built.sources.ingestor.ingest(ARTICLES)
    return built


def test_topic_summary_is_newest_first_and_deduplicated(services: Services) -> None:
    summary = services.summarizer.summarize("Real Madrid manager")
    cited = {c.article_id for c in summary.citations}
    assert "a-other" not in cited
    assert "a-striker" not in cited  # a Real Madrid rumour, but not about the manager
    assert len(summary.items) == 2, summary.text  # the copy merges with the AS line
    klopp, emery = summary.items
    assert "Klopp" in klopp.text and "Emery" in emery.text
    assert len(klopp.citations) == 2  # both outlets behind one line
    assert all(item.certainty is Verdict.REPORTED for item in summary.items)
    for item in summary.items:
        assert all(f"[{n}]" in summary.text for n in item.citations)


def test_days_window_and_empty_result(services: Services) -> None:
    now = datetime(2026, 1, 30, tzinfo=UTC)
    recent = services.summarizer.summarize("Real Madrid manager", days=7, now=now)
    assert [i.text for i in recent.items if "Emery" in i.text] == []
    nothing = services.summarizer.summarize(
        "Real Madrid manager", days=1, now=datetime(2030, 1, 1, tzinfo=UTC)
    )
    assert nothing.items == [] and nothing.text.startswith("Nothing in the sources")


def test_summary_without_topic_lists_the_newest_rumours(services: Services) -> None:
    summary = services.summarizer.summarize(None)
    assert summary.items
    assert summary.items[0].published >= summary.items[-1].published
    assert all(i.certainty is not Verdict.UNKNOWN for i in summary.items)


def test_summary_without_topic_lists_undated_rumours_too(
    make_services: MakeServices, tmp_path: Path
) -> None:
    built = make_services(tmp_path)
    undated = [replace(a, published="") for a in ARTICLES]
    built.sources.ingestor.ingest(undated)
    summary = built.summarizer.summarize(None)
    assert {i.person for i in summary.items} >= {"Erling Haaland", "Jurgen Klopp"}
    assert "Nothing in the sources" not in summary.text
    assert built.summarizer.summarize(None, days=30).items == []  # no date: in no window


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_eval_in_another_mode_leaves_the_shared_retriever_alone(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli.evaluate import EvalQuestion, evaluate

    modes: list[str] = []
    search = services.retriever.search

    def spy(question, k, **options):  # type: ignore[no-untyped-def]
        modes.append(options.get("mode", "hybrid"))
        return search(question, k, **options)

    monkeypatch.setattr(services.retriever, "search", spy)
    question = EvalQuestion("q1", "Who will manage Real Madrid?")
    evaluate(services, [question], k=5, mode="lexical")
    assert modes == ["lexical"]  # the ranking scored; the extractive answer reads the ledger
    modes.clear()
    services.asker.rank_articles("Who will manage Real Madrid?", 5)
    assert modes == ["hybrid"]


def test_eval_reports_metrics(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(tmp_path / "data"))
    articles = _write(
        tmp_path / "a.jsonl",
        [{"id": a.id, "title": a.title, "text": a.text, "source": a.source} for a in ARTICLES],
    )
    assert main(["ingest", "--jsonl", str(articles), "--json"]) == 0
    questions = _write(
        tmp_path / "qa.jsonl",
        [
            {
                "id": "q1",
                "question": "Is Klopp Real Madrid's top target?",
                "gold": ["a-new", "a-copy"],
                "verdict": "reported",
            },
            {
                "id": "q2",
                "question": "Is Haaland joining Arsenal?",
                "gold": [],
                "verdict": "unknown",
            },
            {"id": "q3", "question": "Did Arsenal beat Spurs?"},
        ],
    )
    capsys.readouterr()
    assert main(["eval", str(questions), "--k", "3", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    per_question, summary = lines[:-1], lines[-1]["summary"]
    assert [q["id"] for q in per_question] == ["q1", "q2", "q3"]
    assert set(per_question[0]) == {
        "id",
        "article_ids",
        "answer",
        "verdict",
        "citations",
        "latency_ms",
    }
    assert set(per_question[0]["article_ids"][:2]) == {"a-new", "a-copy"}
    assert summary["recall@3"] == 1.0 and summary["mrr"] == 1.0
    assert summary["verdict_accuracy"] == 1.0
    assert summary["abstention_accuracy"] == 1.0
    assert summary["citation_validity"] == 1.0
    assert summary["hedge_preservation"] == 1.0


def test_eval_rejects_a_bad_question_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    assert main(["eval", str(bad)]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_hedge_preservation_ignores_the_verdict_headline() -> None:
    from bot.answering.answer import Answer
    from bot.cli.evaluate import EvalQuestion, EvalResult, Scores

    question = EvalQuestion("q", "Is Kroos joining Klopp's staff?", ("a",), Verdict.REPORTED)
    headline = "**Reported: the sources report or claim it; nothing confirms it.**"
    upgraded = Answer(
        question.question, f"{headline}\n- Kroos will join Klopp's staff. [1]", Verdict.REPORTED
    )
    hedged = Answer(
        question.question,
        f'{headline}\n- Kicker: "Kroos could become his assistant." [1]',
        Verdict.REPORTED,
    )
    scores = Scores(k=5, results=[EvalResult(question, ["a"], upgraded, 1.0, True)])
    assert scores.to_json()["hedge_preservation"] == 0.0
    scores.results.append(EvalResult(question, ["a"], hedged, 1.0, True))
    assert scores.to_json()["hedge_preservation"] == 0.5


def test_summary_with_a_language_model_and_its_fallback(
    make_services: MakeServices, openai_server
) -> None:
    from tests.support.openai_server import Scripted

    built = make_services(
        generator="openai", openai_base_url=openai_server.base_url, openai_max_retries=0
    )
    built.sources.ingestor.ingest(ARTICLES)
    openai_server.stub.chat_script.append(
        Scripted(content="According to AS, Klopp remains Real Madrid's top target [1].")
    )
    written = built.summarizer.summarize("Real Madrid manager")
    assert written.generator == "openai"
    assert "[1]" in written.text and "Klopp" in written.text
    prompt = openai_server.stub.chat_requests()[-1]["messages"][1]["content"]
    assert "Emery" in prompt  # the extractive lines are what the model writes from
    openai_server.stub.chat_script.append(Scripted(status=500))
    fallback = built.summarizer.summarize("Real Madrid manager")
    assert fallback.generator == "extractive"
    assert fallback.note and "unavailable" in fallback.note
    assert fallback.items and "unavailable" in fallback.to_json()["summary"]


def test_a_broken_summary_prompt_override_stops_start_up(
    tmp_path: Path, make_services: MakeServices, openai_server
) -> None:
    from ingest.core.errors import ConfigError

    overrides = tmp_path / "prompts"
    overrides.mkdir()
    (overrides / "summary_user.txt").write_text("Topic: $topic\nLines: $lines_that_do_not_exist\n")
    with pytest.raises(ConfigError, match="summary_user"):
        make_services(
            tmp_path, generator="openai", openai_base_url=openai_server.base_url, prompts_dir=overrides
        )


def test_the_prompts_are_read_once_at_start_up(
    tmp_path: Path, make_services: MakeServices, openai_server
) -> None:
    from bot.answering.prompting import PROMPT_VARIABLES
    from tests.support.openai_server import Scripted

    overrides = tmp_path / "prompts"
    overrides.mkdir()
    bundled = REPO / "prompts"
    for name in PROMPT_VARIABLES:
        text = (bundled / f"{name}.txt").read_text(encoding="utf-8")
        (overrides / f"{name}.txt").write_text(f"{text}\nMarker: read at start-up.\n")
    built = make_services(
        tmp_path, generator="openai", openai_base_url=openai_server.base_url, prompts_dir=overrides
    )
    built.sources.ingestor.ingest(ARTICLES)
    for name in PROMPT_VARIABLES:  # later edits (even broken ones) change nothing until a restart
        (overrides / f"{name}.txt").write_text("Broken: $nothing_fills_this\n")
    openai_server.stub.chat_script.append(
        Scripted(content="According to AS, Klopp remains Real Madrid's top target [1].")
    )
    assert built.summarizer.summarize("Real Madrid manager").generator == "openai"
    built.asker.ask("Who will be the next Real Madrid manager?")
    for request in openai_server.stub.chat_requests():
        assert all("Marker: read at start-up." in m["content"] for m in request["messages"])
