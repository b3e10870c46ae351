"""The answer log and votes: one vote per user per answer, hashed voters, and the report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.answering.answer import Answer, Citation, Verdict
from bot.answering.summary import Summary
from bot.feedback.store import FeedbackStore, VoteResult, question_key
from ingest.core.db import Database
from ingest.core.errors import NotFoundError, RumourError

ALICE, BOB, CAROL = 412345678901234567, 512345678901234567, 612345678901234567


def answer(question: str, verdict: Verdict = Verdict.REPORTED) -> Answer:
    cite = Citation(1, "a1", "Kane wants out", "Sky Sports", "https://e.example/kane", "2021-05-18", "q")
    return Answer(question, "- Sky Sports: \"q\" [1]", verdict, [cite] if verdict != Verdict.UNKNOWN else [])


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(Database.in_dir(tmp_path))


def test_a_vote_is_stored_once_per_user_and_a_second_click_changes_it(store: FeedbackStore) -> None:
    answer_id = store.log_answer(answer("Is Kane joining Chelsea?"))
    assert store.vote(answer_id, ALICE, up=True) is VoteResult.RECORDED
    assert store.vote(answer_id, ALICE, up=True) is VoteResult.UNCHANGED
    assert store.vote(answer_id, ALICE, up=False) is VoteResult.CHANGED
    assert store.vote(answer_id, BOB, up=True) is VoteResult.RECORDED
    report = store.report()
    assert (report.up, report.down, report.votes, report.answers) == (1, 1, 2, 1)
    assert report.share_up == 0.5

    logged = store.get(answer_id)
    assert logged is not None and logged.question == "Is Kane joining Chelsea?"
    assert logged.verdict == "reported" and logged.citations[0].url == "https://e.example/kane"


def test_voters_are_stored_as_keyed_hashes(tmp_path: Path) -> None:
    db = Database.in_dir(tmp_path)
    store = FeedbackStore(db)
    answer_id = store.log_answer(answer("Is Kane joining Chelsea?"))
    store.vote(answer_id, ALICE, up=True)
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("rumour.db*"))
    assert str(ALICE).encode() not in raw
    with db.connect() as conn:
        (voter,) = [r["voter"] for r in conn.execute("SELECT voter FROM votes")]
    assert len(voter) == 32

    # The same install (another process, a restart) hashes the same user the same way...
    assert FeedbackStore(db).vote(answer_id, ALICE, up=True) is VoteResult.UNCHANGED
    # ...and a configured secret is another key: the database alone cannot link the votes.
    secret = FeedbackStore(db, secret=SecretStr("kept outside the data dir"))
    assert secret.vote(answer_id, ALICE, up=True) is VoteResult.RECORDED
    with db.connect() as conn:
        assert len({r["voter"] for r in conn.execute("SELECT voter FROM votes")}) == 2


def test_a_down_vote_keeps_what_was_wrong(store: FeedbackStore) -> None:
    answer_id = store.log_answer(answer("Is Kane joining Chelsea?"))
    with pytest.raises(NotFoundError, match="no 👎 of yours"):
        store.comment(answer_id, ALICE, "wrong club")
    store.vote(answer_id, ALICE, up=False)
    store.comment(answer_id, ALICE, "  wrong   club ")
    with pytest.raises(RumourError, match="under 500 characters"):
        store.comment(answer_id, ALICE, "x" * 501)
    assert store.report().worst[0].comments == ["wrong club"]
    with pytest.raises(NotFoundError, match="can't find that answer"):
        store.vote("0123456789abcdef", ALICE, up=True)


def test_the_report_ranks_the_worst_questions_and_the_unanswered_ones(
    store: FeedbackStore,
) -> None:
    for who in (ALICE, BOB):
        store.vote(store.log_answer(answer("Is Kane joining Chelsea?")), who, up=False)
    store.vote(store.log_answer(answer("is kane joining chelsea")), CAROL, up=True)
    store.vote(store.log_answer(answer("Is Xavi taking the Barcelona job?")), ALICE, up=False)
    store.vote(store.log_answer(answer("Is Allegri going to Real?")), ALICE, up=True)
    for _ in range(3):
        store.log_answer(answer("Is Haaland joining Wrexham?", Verdict.UNKNOWN))
    store.log_answer(answer("Is Mbappe joining Bromley?", Verdict.UNKNOWN))
    store.log_summary(Summary("Real Madrid manager", None, [], [], text="nothing"))

    report = store.report()
    assert report.answers == 9  # round-ups are not answers
    assert [(q.question, q.up, q.down) for q in report.worst] == [
        ("is kane joining chelsea", 1, 2),
        ("Is Xavi taking the Barcelona job?", 0, 1),
    ]
    assert [(q.question, q.times) for q in report.unknown] == [
        ("Is Haaland joining Wrexham?", 3),
        ("Is Mbappe joining Bromley?", 1),
    ]
    shape = report.to_json()
    assert set(shape) == {"answers", "votes", "worst_rated", "unknown_most_often"}
    assert shape["votes"] == {"up": 2, "down": 3, "share_up": 0.4}


def test_questions_that_differ_only_in_case_and_punctuation_are_one() -> None:
    assert question_key("Is Kane joining CHELSEA?!") == question_key("is kane joining chelsea")
    assert question_key("Güler to Arsenal?") == "guler to arsenal"


def test_the_tables_belong_to_the_feedback_component(store: FeedbackStore, tmp_path: Path) -> None:
    store.report()
    with sqlite3.connect(tmp_path / "rumour.db") as conn:
        versions = dict(conn.execute("SELECT component, version FROM schema_versions"))
    assert versions == {"feedback": 1}
