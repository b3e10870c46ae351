"""`rumour feedback [--json]`: the share of 👍, the worst-rated and the unanswered questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.answer import Answer, Verdict
from bot.cli.main import main
from bot.feedback.store import FeedbackStore
from ingest.core.db import Database


def test_feedback_reports_votes_worst_questions_and_unknown_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(data))
    assert main(["feedback", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "answers": 0,
        "votes": {"up": 0, "down": 0, "share_up": None},
        "worst_rated": [],
        "unknown_most_often": [],
    }

    store = FeedbackStore(Database.in_dir(data))
    wrong = store.log_answer(Answer("Is Kane joining Chelsea?", "…", Verdict.REPORTED))
    store.vote(wrong, 1, up=False)
    store.comment(wrong, 1, "That was City, not Chelsea")
    store.vote(store.log_answer(Answer("Is Xavi joining Barcelona?", "…", Verdict.REPORTED)), 1, up=True)
    store.vote(store.log_answer(Answer("Is Xavi joining Barcelona?", "…", Verdict.REPORTED)), 2, up=True)
    for _ in range(2):
        store.log_answer(Answer("Is Haaland joining Wrexham?", "…", Verdict.UNKNOWN))

    assert main(["feedback", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["answers"] == 5
    assert report["votes"] == {"up": 2, "down": 1, "share_up": pytest.approx(2 / 3)}
    assert report["worst_rated"] == [
        {
            "question": "Is Kane joining Chelsea?",
            "up": 0,
            "down": 1,
            "verdict": "reported",
            "comments": ["That was City, not Chelsea"],
        }
    ]
    assert [(q["question"], q["times"]) for q in report["unknown_most_often"]] == [
        ("Is Haaland joining Wrexham?", 2)
    ]

    assert main(["feedback"]) == 0
    text = capsys.readouterr().out
    assert "5 answers in Discord · 3 votes (👍 2, 👎 1) · 67% 👍" in text
    assert "Is Kane joining Chelsea?" in text and "That was City, not Chelsea" in text
    assert "2×  Is Haaland joining Wrexham?" in text
