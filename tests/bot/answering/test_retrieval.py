"""Hybrid retrieval: names match, copies collapse, articles share the list, news is recent."""

from __future__ import annotations

import pytest

from bot.app import Services
from ingest.core.schema import Article
from tests.support.helpers import MakeServices

FILLER = [
    Article(
        id=f"filler-{i}",
        title=f"Club news {i}",
        text=f"The club confirmed a routine training schedule for week {i} ahead of the derby.",
        source="Club site",
        published=f"2021-03-{i + 1:02d}",
    )
    for i in range(12)
]
BARTLEY = Article(
    id="gossip-bartley",
    title="Gossip column",
    text="Burnley and Newcastle are interested in West Brom centre-back Kyle Bartley, 29. (Sun)",
    source="BBC Sport (gossip column)",
    published="2021-03-24",
)
COPY_A = Article(
    id="agency-a",
    title="Madrid make Klopp top target",
    text="Real Madrid have made Jurgen Klopp their top target to replace Alvaro Arbeloa next summer, reports in Spain claim.",
    source="Outlet A",
    published="2026-01-20",
)
COPY_B = Article(
    id="agency-b",
    title="Klopp is Madrid's top target",
    text="Real Madrid have made Jurgen Klopp their top target to replace Alvaro Arbeloa next summer, reports in Spain claim!",
    source="Outlet B",
    published="2026-01-21",
)
LONG = Article(
    id="long-klopp",
    title="Everything about Klopp and Madrid",
    text="\n\n".join(
        f"Paragraph {i}: Jurgen Klopp and Real Madrid were discussed again in report number {i}."
        for i in range(12)
    ),
    source="Long Reads",
    published="2025-06-01",
)
OLD = Article(
    id="old-news",
    title="Real Madrid manager's job: the latest",
    text="Real Madrid manager job: Real Madrid are weighing up candidates for the Real Madrid manager job.",
    source="Old Times",
    published="2019-05-01",
)
NEW = Article(
    id="new-news",
    title="Update from the Bernabeu",
    text=(
        "At the Bernabeu, Real Madrid are weighing up a long list of candidates for the dugout this "
        "week, while the squad trains at Valdebebas and the supporters wait for word from the board."
    ),
    source="New Times",
    published="2026-02-01",
)


@pytest.fixture(scope="module")
def services(make_services: MakeServices) -> Services:
    built = make_services()
    built.sources.ingestor.ingest([*FILLER, BARTLEY, COPY_A, COPY_B, LONG, OLD, NEW])
    return built


def test_a_name_the_embedding_model_never_saw_comes_first(services: Services) -> None:
    hits = services.retriever.search("newcastle or burnley in for bartley?", 5)
    assert hits[0].chunk.article_id == "gossip-bartley"


def test_syndicated_copies_collapse_into_one_hit(services: Services) -> None:
    hits = services.retriever.search("Is Klopp Real Madrid's top target?", 6)
    ids = [h.chunk.article_id for h in hits]
    assert len({"agency-a", "agency-b"} & set(ids)) == 1
    lead = next(h for h in hits if h.chunk.article_id in {"agency-a", "agency-b"})
    assert {c.article_id for c in lead.also} == {"agency-a", "agency-b"} - {lead.chunk.article_id}


def test_one_article_contributes_at_most_two_chunks(services: Services) -> None:
    hits = services.retriever.search("Jurgen Klopp Real Madrid report", 8)
    per_article = [h.chunk.article_id for h in hits].count("long-klopp")
    assert 1 <= per_article <= 2
    assert len({h.chunk.article_id for h in hits}) >= 3


def test_latest_questions_prefer_recent_articles(services: Services) -> None:
    question = "What's the latest on the Real Madrid manager's job?"
    unboosted = [h.chunk.article_id for h in services.retriever.search(question, 8, recent=False)]
    latest = services.retriever.search(question, 8)
    ids = [h.chunk.article_id for h in latest]
    assert unboosted.index("old-news") < unboosted.index("new-news")  # the better text match
    assert ids.index("new-news") < ids.index("old-news")  # but "latest" asks for news
    plain = services.retriever.search("Real Madrid weighing up candidates for the manager's job", 8)
    assert {"new-news", "old-news"} <= {h.chunk.article_id for h in plain}


def test_dense_and_lexical_modes_are_available_for_comparison(services: Services) -> None:
    dense = services.retriever.search("Kyle Bartley", 3, mode="dense")
    lexical = services.retriever.search("Kyle Bartley", 3, mode="lexical")
    assert lexical[0].chunk.article_id == "gossip-bartley"
    assert all(h.lexical_rank is None for h in dense)
    assert all(h.dense_rank is None for h in lexical)
