"""Fans' questions read as claim patterns: names, clubs, jobs and the kind of question."""

from __future__ import annotations

import pytest

from bot.answering.questions import Ask, NameIndex, Question, parse_question
from ingest.claims.gazetteer import default_gazetteer

NAMES = NameIndex.build(
    [
        ("Erling Haaland", 9),
        ("Kylian Mbappe", 7),
        ("Paul Pogba", 5),
        ("Steven Gerrard", 4),
        ("Duncan Ferguson", 2),
        ("Pau Torres", 1),
        ("Chris Day", 1),
        ("Harry Kane", 8),
        ("Michael Owen", 3),
    ],
    default_gazetteer().people,
)
PROSE = {"keeper", "loan", "fee", "news"}


def parse(text: str) -> Question:
    return parse_question(text, default_gazetteer(), NAMES, lambda w: w in PROSE)


def people(question: Question) -> list[str]:
    return [p.keys[0] for p in question.people if p.keys]


@pytest.mark.parametrize(
    ("text", "person", "ask", "to_club", "from_club"),
    [
        ("haland to city?", "erling haaland", Ask.MOVE, "Manchester City", ""),
        ("any news on mbape", "kylian mbappe", Ask.LATEST, "", ""),
        ("is pogba stayin at man utd or leavin", "paul pogba", Ask.STAY, "", "Manchester United"),
        ("pau torres to spurs??", "pau torres", Ask.MOVE, "Tottenham Hotspur", ""),
        ("is kane leaving spurs", "harry kane", Ask.LEAVE, "", "Tottenham Hotspur"),
        ("QPR's Chris Day going out on loan?", "chris day", Ask.LEAVE, "", "Queens Park Rangers"),
        ("micheal owen leavin real madrid?", "michael owen", Ask.LEAVE, "", "Real Madrid"),
        ("stevie g to chelsea?", "steven gerrard", Ask.MOVE, "Chelsea", ""),
        ("sam day's lad chris to spurs?", "chris day", Ask.MOVE, "Tottenham Hotspur", ""),
        ("has kane signed his new spurs contract", "harry kane", Ask.STAY, "", "Tottenham Hotspur"),
    ],
)
def test_fan_wording_resolves_to_the_sources_names(
    text: str, person: str, ask: Ask, to_club: str, from_club: str
) -> None:
    question = parse(text)
    assert people(question)[:1] == [person]
    assert (question.ask, question.to_club, question.from_club) == (ask, to_club, from_club)


def test_a_job_question_names_the_job_and_the_club_not_a_person() -> None:
    question = parse("who's the new england manager")
    assert (question.ask, question.role, question.to_club, question.people) == (
        Ask.WHO,
        "manager",
        "England",
        (),
    )


def test_a_name_the_sources_lack_is_kept_without_keys() -> None:
    question = parse("is zzyzx joining arsenal?")
    assert [(p.said, p.keys) for p in question.people] == [("zzyzx", ())]


def test_other_content_words_are_terms() -> None:
    assert parse("are the gunners buying a keeper in january?").terms == ("keeper",)


def test_two_people_keep_both() -> None:
    question = parse("did big dunc join ancelotti at real?")
    assert people(question)[0] == "duncan ferguson"
    assert question.to_club == "Real Madrid"


def test_a_first_name_with_a_surname_the_sources_lack_is_nobody_they_name() -> None:
    names = NameIndex.build([("Ben Thatcher", 4), ("Shaka Hislop", 3)], {})
    for text in ("is ben white joining arsenal", "is saka leaving arsenal"):
        question = parse_question(text, default_gazetteer(), names, lambda w: w == "white")
        assert [p.keys for p in question.people] == [()], text
    # A first name alone still names the one the sources know.
    question = parse_question("is ben joining arsenal", default_gazetteer(), names, lambda w: False)
    assert [p.keys for p in question.people] == [("ben thatcher",)]


def test_a_misspelt_surname_reaches_every_full_name_with_it() -> None:
    names = NameIndex.build([("Haaland", 1), ("Erling Haaland", 9)], {})
    assert set(names.near("haland")) >= {"haaland", "erling haaland"}


def test_a_short_name_may_lose_a_letter_but_not_change_its_start() -> None:
    names = NameIndex.build([("Jurgen Klopp", 5), ("Shaka Hislop", 3)], {})
    assert names.near("klop") == ("jurgen klopp",)
    assert names.near("saka") == ()
