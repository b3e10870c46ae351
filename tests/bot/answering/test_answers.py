"""The extractive composer: verdicts from evidence, conflicts, several outlets, no off-topic quotes."""

from __future__ import annotations

import re

import pytest

from bot.answering.answer import Verdict
from bot.app import Services
from ingest.core.schema import Article
from tests.support.helpers import MakeServices

ARTICLES = [
    Article(
        id="sun-1",
        title="Chelsea eye Vardy swoop",
        text="Chelsea are interested in signing Leicester striker Jamie Vardy this summer, the Sun reports.",
        source="The Sun",
        published="2021-06-01",
    ),
    Article(
        id="mail-1",
        title="Blues plot Vardy move",
        text="Chelsea could make a move for Jamie Vardy, with the Blues monitoring the Leicester forward.",
        source="Daily Mail",
        published="2021-06-02",
    ),
    Article(
        id="club-1",
        title="Leicester rule out Vardy exit",
        text="Leicester have rejected an approach from Chelsea and insist Jamie Vardy is not for sale.",
        source="Leicester Mercury",
        published="2021-06-03",
    ),
    Article(
        id="bbc-1",
        title="Norwich sign Stuart",
        text="Norwich have signed Charlton midfielder Graham Stuart until the end of the season.",
        source="BBC Sport",
        published="2005-01-31",
    ),
    Article(
        id="bbc-2",
        title="Santini quits Spurs",
        text="Tottenham manager Jacques Santini has resigned for personal reasons after 13 games.",
        source="BBC Sport",
        published="2004-11-05",
    ),
    Article(
        id="match-1",
        title="Everton edge Fulham",
        text="Everton beat Fulham 1-0 at Goodison Park thanks to a late header from the captain.",
        source="BBC Sport",
        published="2005-02-12",
    ),
]


@pytest.fixture(scope="module")
def services(make_services: MakeServices) -> Services:
    built = make_services()
    built.sources.ingestor.ingest(ARTICLES)
    return built


def _quotes(text: str) -> list[str]:
    return re.findall(r'"([^"]+)"', text)


def test_a_plain_signing_is_confirmed(services: Services) -> None:
    answer = services.asker.ask("Did Norwich sign Graham Stuart?")
    assert answer.verdict is Verdict.CONFIRMED
    assert answer.citations[0].article_id == "bbc-1"
    assert "[1]" in answer.text


def test_a_resignation_is_confirmed_and_nicknames_resolve(services: Services) -> None:
    answer = services.asker.ask("did santini really walk out on spurs?")
    assert answer.verdict is Verdict.CONFIRMED
    assert answer.citations[0].article_id == "bbc-2"


def test_conflicting_sources_are_shown_together(services: Services) -> None:
    answer = services.asker.ask("Are Chelsea signing Jamie Vardy?")
    cited = {c.article_id for c in answer.citations}
    assert "club-1" in cited and cited & {"sun-1", "mail-1"}
    assert answer.conflict
    # The club's refusal outranks the outlets' reports; both sides are shown.
    assert answer.verdict is Verdict.DENIED
    numbers = {c.article_id: c.n for c in answer.citations}
    reports = " ".join(f"[{numbers[a]}]" for a in ("sun-1", "mail-1") if a in numbers)
    assert f"The sources disagree: [{numbers['club-1']}] denies what {reports} reports." in answer.text


def test_agreeing_outlets_are_cited_together(services: Services) -> None:
    answer = services.asker.ask("Are Chelsea interested in Vardy?")
    assert len({c.source for c in answer.citations}) >= 2


def test_every_quote_is_verbatim_and_attributed(services: Services) -> None:
    texts = {a.id: a.text for a in ARTICLES}
    for question in ("Are Chelsea signing Jamie Vardy?", "Did Norwich sign Graham Stuart?"):
        answer = services.asker.ask(question)
        for citation in answer.citations:
            assert citation.quote in texts[citation.article_id]
        for quote in _quotes(answer.text):
            assert any(quote in t for t in texts.values())
        for citation in answer.citations:
            assert citation.source in answer.text


def test_no_answer_for_a_subject_the_sources_never_mention(services: Services) -> None:
    answer = services.asker.ask("Is Erling Haaland joining Everton?")
    assert answer.verdict is Verdict.UNKNOWN
    assert answer.citations == []


def test_never_quotes_an_article_about_something_else(services: Services) -> None:
    answer = services.asker.ask("Is Everton's captain joining Fulham?")
    for citation in answer.citations:
        assert citation.article_id == "match-1"
    answer = services.asker.ask("Is Jacques Santini joining Everton?")
    assert all(c.article_id != "match-1" for c in answer.citations)


def test_questions_are_validated(services: Services) -> None:
    from ingest.core.errors import RumourError

    with pytest.raises(RumourError, match="empty"):
        services.asker.ask("   ")
    with pytest.raises(RumourError, match="too long"):
        services.asker.ask("why " * 200)


def test_the_sample_demo_answer(make_services: MakeServices) -> None:
    built = make_services(samples=True)
    answer = built.asker.ask("Is Kroos joining Klopp's staff?")
    assert answer.verdict is Verdict.REPORTED
    assert "could become Klopp's assistant" in answer.text


def test_numbers_in_a_question_do_not_hide_the_answer(services: Services) -> None:
    answer = services.asker.ask("Did Norwich sign Graham Stuart for 2005?")
    assert answer.verdict is Verdict.CONFIRMED


def test_an_article_without_an_outlet_is_attributed_to_its_site() -> None:
    from bot.answering.extractive import outlet_name

    assert outlet_name("Kicker", "") == "Kicker"
    assert outlet_name("", "https://www.football.london/x") == "football.london"
    assert outlet_name("", "file:///tmp/a.txt") == "Unnamed source"


def test_backstory_confirmation_or_a_denial_of_something_else_does_not_decide(
    make_services: MakeServices,
) -> None:
    built = make_services()
    built.sources.ingestor.ingest(
        [
            Article(
                id="kicker-1",
                title="Kroos to join Klopp?",
                text=(
                    "Toni Kroos could become Jurgen Klopp's assistant at Real Madrid, Kicker claim.\n\n"
                    "Kroos joined Real Madrid from Bayern Munich in 2014 and won four Champions Leagues."
                ),
                source="Kicker",
            ),
            Article(
                id="gossip-1",
                title="Gossip",
                text="Arsenal are interested in signing Vale midfielder Tom Pope. (Sun)\n\n"
                "Arsenal are not interested in signing Vale midfielder Tom Pope. (Mirror)",
                source="BBC Sport (gossip column)",
                published="2021-05-01",
            ),
        ]
    )
    answer = built.asker.ask("Is Kroos joining Klopp's staff at Real Madrid?")
    assert answer.verdict is Verdict.REPORTED, answer.text
    # One move, told both ways on the same day: the round-up shows it once, as denied.
    summary = built.summarizer.summarize("Arsenal Tom Pope")
    [item] = summary.items
    denial = "Arsenal are not interested in signing Vale midfielder Tom Pope."
    assert (item.certainty, item.text, item.person, item.move) == (
        Verdict.DENIED,
        denial,
        "Tom Pope",
        "to Arsenal",
    ), summary.text
