"""The claim ledger follows the store: read once per change, forgotten with its article, repaired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.claims.stage import Stage
from ingest.ledger import schema

ARTICLES = [
    {
        "id": "a-bid",
        "title": "Leeds bid for White",
        "text": "Leeds have made a £20m bid for Brighton defender Ben White.",
        "source": "Test Times",
        "published": "2021-07-01",
    },
    {
        "id": "a-done",
        "title": "White joins Arsenal",
        "text": "Arsenal have completed the signing of Ben White from Brighton.",
        "source": "Test Times",
        "published": "2021-07-30",
    },
]


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture
def services(make_services, tmp_path: Path):
    return make_services(tmp_path)


def stages(services) -> dict[str, Stage]:
    return {c.claim.article_id: c.claim.stage for c in services.sources.ledger.all_claims()}


def test_ingest_reads_claims_once_and_a_changed_article_again(services, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    first = services.sources.ingest(jsonl=[feed])
    assert (first.claim_articles, first.claims) == (2, 2)
    assert stages(services) == {"a-bid": Stage.BID, "a-done": Stage.COMPLETED}
    again = services.sources.ingest(jsonl=[feed])
    assert (again.unchanged, again.claim_articles, again.claims) == (2, 0, 0)
    changed = [
        ARTICLES[0] | {"text": "Brighton have rejected a £20m bid from Leeds for Ben White."},
        ARTICLES[1],
    ]
    third = services.sources.ingest(jsonl=[write_jsonl(feed, changed)])
    assert third.claim_articles == 1
    assert stages(services) == {"a-bid": Stage.REJECTED, "a-done": Stage.COMPLETED}


def test_claims_carry_their_article_date_and_outlet(services, tmp_path: Path) -> None:
    services.sources.ingest(jsonl=[write_jsonl(tmp_path / "news.jsonl", ARTICLES)])
    [done] = [
        c
        for c in services.sources.ledger.claims_about(["ben white"])
        if c.claim.article_id == "a-done"
    ]
    assert (done.article.source, done.article.published, done.claim.to_club) == (
        "Test Times",
        "2021-07-30",
        "Arsenal",
    )
    assert done.ts > 0 and done.claim.text == ARTICLES[1]["text"]


def test_forgetting_an_article_forgets_its_claims(services, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    services.sources.ingest(jsonl=[feed])
    services.sources.forget("a-bid")
    assert set(stages(services)) == {"a-done"}


def test_a_run_killed_between_the_store_and_the_ledger_is_completed_by_the_next(
    services, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    services.sources.ingest(jsonl=[feed])
    services.sources.ledger.remove(["a-done"])  # as if killed after the store write
    again = services.sources.ingest(jsonl=[feed])
    assert (again.unchanged, again.claim_articles) == (2, 1)
    assert set(stages(services)) == {"a-bid", "a-done"}


def test_claims_of_articles_the_store_no_longer_has_are_dropped(services, tmp_path: Path) -> None:
    ledger = services.sources.ledger
    services.sources.ingest(jsonl=[write_jsonl(tmp_path / "news.jsonl", ARTICLES)])
    services.sources.ingestor.store.delete_article("a-bid")  # as if killed mid-forget
    change = ledger.sync(services.reader)
    assert change.removed == 1 and set(stages(services)) == {"a-done"}
    assert ledger.sync(services.reader).extracted == 0  # nothing changed since


def test_a_new_extractor_reads_every_article_again(services, tmp_path: Path, monkeypatch) -> None:
    services.sources.ingest(jsonl=[write_jsonl(tmp_path / "news.jsonl", ARTICLES)])
    monkeypatch.setattr(schema, "EXTRACTOR_VERSION", "test-next")
    assert services.sources.ledger.sync(services.reader).extracted == 2


def test_a_host_sharing_a_chroma_server_gets_the_claims_another_wrote(
    make_services, chroma_server, tmp_path: Path
) -> None:
    host, port = chroma_server
    options = {"chroma_host": host, "chroma_port": port, "collection": "ledger-share"}
    writer = make_services(tmp_path / "one", **options)
    reader = make_services(tmp_path / "two", **options)
    writer.sources.ingest(jsonl=[write_jsonl(tmp_path / "news.jsonl", ARTICLES)])
    assert reader.sources.ledger.all_claims() == []
    assert reader.sources.ledger.sync(reader.reader).extracted == 2
    assert {c.claim.article_id for c in reader.sources.ledger.all_claims()} == {"a-bid", "a-done"}
