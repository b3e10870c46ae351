"""Review fixes for sources and feeds: stored articles are never degraded, feeds listing a story
twice or failing oddly never stop a batch, and forgetting keeps what other sources still hold."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from ingest.sources.locking import MARKER_FILE
from ingest.sources.service import SourceService
from tests.support.httpserver import (
    HTTPTestServer,
    RecordedRequest,
    Response,
    article_page,
    paragraphs,
    rss_feed,
)

RSS = "application/rss+xml"
MakeService = Callable[..., SourceService]


class CrashingEmbedder:
    """The real local embedder, except that it crashes (as a buggy backend would) on POISON."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.name = inner.name
        self.dimension = inner.dimension

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if any("POISON" in text for text in texts):
            raise RuntimeError("the embedding backend crashed")
        return self._inner.embed(texts)


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        yield running


def switchable(server: HTTPTestServer, path: str, page: str, state: dict[str, bool]) -> None:
    """Serve `page` at `path`, or a 503 while state["down"]."""
    body = page.encode()
    server.route(
        path,
        handler=lambda _: Response(status=503, body=b"") if state["down"] else Response(body=body),
    )


def chunk_ids(service: SourceService) -> list[str]:
    return sorted(c.id for c in service.store.all_chunks())


# 1. A feed's fallback text never replaces an article stored in full --------------------------


def test_a_failed_entry_page_keeps_the_stored_article(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    state = {"down": False}
    switchable(server, "/a", article_page("Saka signs", paragraphs("Saka", 6)), state)
    items = [{"title": "Saka", "link": server.url("/a"), "description": "Saka teaser."}]
    server.route("/feed", rss_feed("Aggregator", items), content_type=RSS)
    service = make_service(server)
    assert service.add(server.url("/a")).new == 1
    stored = service.store.get_article(server.url("/a"))
    chunks = chunk_ids(service)
    state["down"] = True  # a transient 503 just as a feed listing it is added
    report = service.add(server.url("/feed"))
    assert report.to_json()["articles"] == {"new": 0, "updated": 0, "unchanged": 1, "failed": 0}
    assert any("HTTP 503" in n and "kept the stored article" in n for n in report.notes)
    assert service.store.get_article(server.url("/a")) == stored
    assert chunk_ids(service) == chunks


# 2. A feed listing one story twice; one bad feed never stops the others ----------------------


def test_a_feed_listing_one_story_twice_stores_it_once(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/a", article_page("Saka deal", paragraphs("Saka")))
    server.redirect("/short", "/a")  # another link whose page is the same article
    items = [
        {"title": "a", "link": server.url("/a?utm_source=rss")},
        {"title": "a again", "link": server.url("/a#comments")},
        {"title": "a short", "link": server.url("/short")},
    ]
    server.route("/feed", rss_feed("F", items), content_type=RSS)
    service = make_service(server)
    report = service.add(server.url("/feed"))
    assert (report.new, report.failed, report.errors) == (1, 0, [])
    assert [r.id for r in service.store.list_articles()] == [server.url("/a")]
    assert len(server.requests_to("/a")) == 2  # once for the link, once after /short
    assert service.store.article_hashes([server.url("/a")] * 3).keys() == {server.url("/a")}


def test_one_feed_failing_unexpectedly_does_not_stop_the_others(
    server: HTTPTestServer, make_service: MakeService, local_embedder
) -> None:
    live = {"a": [{"title": "a", "link": server.url("/a")}]}
    live["b"] = [{"title": "b", "link": server.url("/b")}]
    for name in ("a", "b", "c"):
        server.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
    server.route("/poison", article_page("Bad", paragraphs("POISON")))
    for name in ("a", "b"):
        server.route(
            f"/{name}-feed",
            handler=lambda _, n=name: Response(
                body=rss_feed(n, live[n]).encode(), content_type=RSS
            ),
        )
    service = make_service(server, embedder=CrashingEmbedder(local_embedder))
    assert service.ingest(feeds=[server.url("/a-feed"), server.url("/b-feed")]).new == 2
    live["a"].append({"title": "p", "link": server.url("/poison")})
    live["b"].append({"title": "c", "link": server.url("/c")})
    report = service.refresh_feeds()  # feed A (first) now crashes the embedder
    [(source, error)] = report.errors
    assert source == server.url("/a-feed")
    assert error.startswith("unexpected error (RuntimeError: the embedding backend crashed)")
    assert report.new == 1 and service.store.get_article(server.url("/c")) is not None
    entries = service.registry.load()
    assert (entries[server.url("/a-feed")].status, entries[server.url("/b-feed")].status) == (
        "error",
        "ok",
    )
    assert not (service.settings.data_dir / MARKER_FILE).exists()


# 3. Odd charsets and unexpected errors are one source's failure, not the batch's --------------


def test_a_page_declaring_an_unusable_charset_is_still_read(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/a", article_page("Saka deal", paragraphs("Saka")))
    server.route(
        "/b", article_page("Rice deal", paragraphs("Rice")), content_type="text/html; charset=idna"
    )
    items = [{"title": "a", "link": server.url("/a")}, {"title": "b", "link": server.url("/b")}]
    server.route("/feed", rss_feed("F", items), content_type=RSS)
    service = make_service(server)
    report = service.add(server.url("/feed"))
    assert (report.new, report.failed) == (2, 0)
    article = service.store.get_article(server.url("/b"))
    assert article is not None and "Rice paragraph 1" in article.text


def test_an_unexpected_error_in_one_source_does_not_stop_the_batch(
    server: HTTPTestServer, make_service: MakeService, local_embedder
) -> None:
    for name, topic in (("a", "Saka"), ("bad", "POISON"), ("c", "Rice")):
        server.route(f"/{name}", article_page(name, paragraphs(topic)))
    service = make_service(server, embedder=CrashingEmbedder(local_embedder))
    report = service.ingest([server.url("/a"), server.url("/bad"), server.url("/c")])
    assert (report.new, report.failed) == (2, 1)
    assert report.errors[0][0] == server.url("/bad")
    assert "RuntimeError" in report.errors[0][1]
    assert set(service.registry.load()) == {server.url("/a"), server.url("/c")}
    assert not (service.settings.data_dir / MARKER_FILE).exists()


# 6 and 7. Forgetting keeps what other sources hold, and what goes stays gone -----------------


def _feed_and_hand_added_url(
    server: HTTPTestServer, make_service: MakeService, hand_first: bool
) -> SourceService:
    """A feed listing /a and /b, and /a also added by hand, in either order."""
    for name in ("a", "b"):
        server.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
    items = [{"title": n, "link": server.url(f"/{n}")} for n in ("a", "b")]
    server.route("/feed", rss_feed("F", items), content_type=RSS)
    service = make_service(server)
    adds = [server.url("/feed"), server.url("/a")]
    for target in reversed(adds) if hand_first else adds:
        service.add(target)
    return service


@pytest.mark.parametrize("hand_first", [False, True], ids=["feed-then-url", "url-then-feed"])
def test_forgetting_a_feed_keeps_an_article_added_by_hand(
    server: HTTPTestServer, make_service: MakeService, hand_first: bool
) -> None:
    service = _feed_and_hand_added_url(server, make_service, hand_first)
    result = service.forget(server.url("/feed"))
    assert result.articles == 1
    store = service.store
    assert [r.id for r in store.list_articles()] == [server.url("/a")]
    assert store.list_articles()[0].origin == server.url("/a")
    [row] = service.list()
    assert (row.source, row.articles) == (server.url("/a"), 1)


def test_forgetting_a_feed_hands_shared_articles_to_another_feed(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/a", article_page("Story a", paragraphs("A")))
    for name in ("one", "two"):
        feed = rss_feed(name, [{"title": "a", "link": server.url("/a")}])
        server.route(f"/{name}", feed, content_type=RSS)
    service = make_service(server)
    service.ingest(feeds=[server.url("/one"), server.url("/two")])
    assert service.forget(server.url("/one")).articles == 0
    [record] = service.store.list_articles()
    assert (record.id, record.origin) == (server.url("/a"), server.url("/two"))


@pytest.mark.parametrize("hand_first", [False, True], ids=["feed-then-url", "url-then-feed"])
def test_a_forgotten_url_is_not_brought_back_by_a_feed(
    server: HTTPTestServer, make_service: MakeService, hand_first: bool
) -> None:
    service = _feed_and_hand_added_url(server, make_service, hand_first)
    assert service.forget(server.url("/a")).articles == 1
    service.refresh_feeds()
    assert [r.id for r in service.store.list_articles()] == [server.url("/b")]
    assert service.registry.load()[server.url("/feed")].excluded == [server.url("/a")]


# 8. A page that failed is tried again, and then replaces the feed's teaser -------------------


def test_a_page_that_failed_is_retried_on_the_next_refresh(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    state = {"down": True}
    switchable(server, "/b", article_page("Rice deal", paragraphs("Rice")), state)
    items = [{"title": "Rice deal", "link": server.url("/b"), "description": "Rice teaser."}]
    feed = rss_feed("F", items).encode()

    def conditional(request: RecordedRequest) -> Response:
        if request.header("if-none-match") == '"f1"':
            return Response(status=304, headers={"ETag": '"f1"'})
        return Response(body=feed, headers={"ETag": '"f1"'}, content_type=RSS)

    server.route("/feed", handler=conditional)
    service = make_service(server)
    assert service.add(server.url("/feed")).new == 1
    store = service.store
    assert store.get_article(server.url("/b")).text == "Rice teaser."  # type: ignore[union-attr]
    entry = service.registry.load()[server.url("/feed")]
    assert entry.etag is None and entry.seen[server.url("/b")].get("partial")
    state["down"] = False
    report = service.refresh_feeds()
    assert (report.updated, report.failed) == (1, 0)
    article = store.get_article(server.url("/b"))
    assert article is not None and "Rice paragraph 1" in article.text
    entry = service.registry.load()[server.url("/feed")]
    assert entry.etag == '"f1"' and not entry.seen[server.url("/b")].get("partial")


# 9. Metadata-only changes are stored, without re-embedding -----------------------------------


def test_a_metadata_only_change_is_stored_without_embedding(
    make_service: MakeService, tmp_path: Path
) -> None:
    record = {"id": "x1", "title": "Saka deal", "text": " ".join(paragraphs("Saka"))}
    record |= {"published": "2020-01-01", "source": "Old Outlet"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n")
    service = make_service()
    service.ingest(jsonl=[path])
    chunks = chunk_ids(service)
    record |= {"published": "2025-06-01", "source": "The Athletic", "author": "D. Ornstein"}
    path.write_text(json.dumps(record) + "\n")
    report = service.refresh(str(path))
    assert report.to_json()["articles"] == {"new": 0, "updated": 1, "unchanged": 0, "failed": 0}
    assert (report.embeddings, report.chunks_added, report.chunks_removed) == (0, 0, 0)
    store = service.store
    article = store.get_article("x1")
    assert article is not None
    assert (article.published, article.source, article.author) == (
        "2025-06-01",
        "The Athletic",
        "D. Ornstein",
    )
    assert chunk_ids(service) == chunks
    assert {(c.published, c.source) for c in store.all_chunks()} == {("2025-06-01", "The Athletic")}
    assert service.refresh(str(path)).unchanged == 1


def test_a_metadata_update_keeps_the_urls_of_syndicated_copies(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    body = paragraphs("Mbappe")
    date = {"published": "2024-10-01T09:30:00Z"}
    server.route(
        "/original",
        handler=lambda _: Response(body=article_page("Mbappe", body, **date).encode()),
    )
    server.route("/copy", article_page("Mbappe", body, outlet="Wire"))
    service = make_service(server)
    service.ingest([server.url("/original"), server.url("/copy")])
    date["published"] = "2024-10-05T09:30:00Z"
    report = service.refresh(server.url("/original"))
    assert (report.updated, report.embeddings) == (1, 0)
    [record] = service.store.list_articles()
    assert (record.published, record.also_urls) == ("2024-10-05", (server.url("/copy"),))


def test_a_run_returns_its_outcome_and_changes_nothing_it_was_given(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    from ingest.sources.registry import SourceEntry
    from ingest.sources.runner import ingest_feed, ingest_url

    server.route("/a", article_page("Saka deal", paragraphs("Saka")))
    server.route("/feed", rss_feed("F", [{"title": "a", "link": server.url("/a")}]), content_type=RSS)
    service = make_service(server)
    page = SourceEntry(server.url("/a"), "url")
    outcome = ingest_url(service.ingestor, service.fetcher, page)
    assert (outcome.report.new, outcome.entry.article_id) == (1, server.url("/a"))
    assert (page.article_id, page.etag) == ("", None)  # the entry given is left as it was
    feed = SourceEntry(server.url("/feed"), "feed")
    outcome = ingest_feed(service.ingestor, service.fetcher, feed, max_entries=10)
    assert outcome.report.new == 0  # the page run stored the article already
    assert outcome.entry.title == "F" and set(outcome.entry.seen) == {server.url("/a")}
    assert (feed.title, feed.seen) == ("", {})
