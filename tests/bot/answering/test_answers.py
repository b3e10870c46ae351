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
    verb = "report" if " " in reports else "reports"
    assert (
        f"The sources disagree: [{numbers['club-1']}] denies what {reports} {verb}." in answer.text
    )


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
    # A fans' nickname is no evidence that the sources name him.
    assert "never mention messi" in services.asker.ask("is messi joining inter miami").text
    vardy = services.asker.ask("is vardy joining arsenal").text
    assert "Jamie Vardy is in the sources, but never linked with Arsenal" in vardy


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
    assert outlet_name("", "file:///tmp/a.txt") == ""


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


def test_a_gossip_item_is_cited_by_its_outlet_and_an_unnamed_article_by_nobody(
    make_services: MakeServices,
) -> None:
    from bot.cli.render import citation_line
    from ingest.parsing.loaders import article_from_record

    items = [
        {
            "text": "Liverpool have made an approach for Marseille centre-back Duje Caleta-Car, 24.",
            "cited_outlet": "www.dailymail.co.uk",
            "cited_url": "https://www.dailymail.co.uk/sport/article-1/caleta-car.html",
        },
        {
            "text": "Leicester are set to make a late loan move for Ainsley Maitland-Niles.",
            "cited_outlet": "www.mirror.co.uk",
            "cited_url": "https://www.mirror.co.uk/sport/maitland-niles",
        },
    ]
    column = {
        "id": "gossip-1",
        "title": "BBC Sport football gossip column, 1 February 2021",
        "source": "BBC Sport (gossip column)",
        "published": "2021-02-01",
        "url": "https://www.bbc.com/sport/55882192",
        "text": "\n\n".join(f"{i['text']} ({i['cited_outlet']})" for i in items),
        "items": items,
    }
    unnamed = Article(
        id="seed-1",
        title="Kroos and Klopp",
        text="Toni Kroos could become Jurgen Klopp's assistant at Real Madrid, reports claim.",
    )
    services = make_services()
    services.sources.ingestor.ingest([article_from_record(column, "g.jsonl:1"), unnamed])

    answer = services.asker.ask("Are Leicester after Maitland-Niles?")
    (cited,) = answer.citations
    assert (cited.quoted_outlet, cited.quoted_url) == ("www.mirror.co.uk", items[1]["cited_url"])
    assert (cited.source, cited.url) == (column["source"], column["url"])  # JSON keeps the column
    assert set(cited.to_json()) == {
        "n",
        "article_id",
        "title",
        "source",
        "url",
        "published",
        "quote",
    }
    assert citation_line(cited) == (
        "[bold][1][/bold] mirror.co.uk, via BBC Sport (gossip column), 2021-02-01"
    )

    anonymous = services.asker.ask("Is Kroos joining Klopp's staff?")
    assert anonymous.citations[0].article_id == "seed-1"
    assert "Unnamed source" not in anonymous.text and "(?)" not in anonymous.text
    assert '- According to one report: "Toni Kroos could become' in anonymous.text
    assert citation_line(anonymous.citations[0]) == "[bold][1][/bold] Kroos and Klopp"
