"""SourceService against real HTTP servers on 127.0.0.1: pages, feeds, re-ingest, the registry.

127.0.0.1 is only reachable because each test puts the server in RUMOUR_FETCH_ALLOWLIST;
test_sources_refusals.py checks that without it nothing is fetched or stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest.core.errors import NotFoundError
from ingest.index.store import StoreReader
from ingest.sources.service import SourceService
from tests.support.httpserver import (
    BOILERPLATE_MARKERS,
    HTTPTestServer,
    RecordedRequest,
    Response,
    article_page,
    atom_feed,
    paragraphs,
    rss_feed,
)

RSS = "application/rss+xml"
MakeService = Callable[..., SourceService]


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        yield running


def chunk_texts(store: StoreReader) -> list[str]:
    return sorted(c.text for c in store.all_chunks())


def snapshot(store: StoreReader) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """Chunks, article records and the revision: equal snapshots mean nothing was written."""
    chunks = sorted((c.id, c.text) for c in store.all_chunks())
    articles = sorted((r.id, r.hash) for r in store.list_articles())
    return chunks, articles, store.revision()


# Article pages --------------------------------------------------------------------------------


def test_article_page_is_stored_with_metadata_and_without_boilerplate(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/story", article_page("Arsenal close in on Saka deal", paragraphs("Saka")))
    service = make_service(server)
    report = service.add(server.url("/story?utm_source=twitter&fbclid=abc#comments"))
    assert report.to_json()["articles"] == {"new": 1, "updated": 0, "unchanged": 0, "failed": 0}
    assert report.embeddings == report.chunks_added > 0
    store = service.store
    [record] = store.list_articles()
    assert record.id == record.url == server.url("/story")
    article = store.get_article(record.id)
    assert article is not None
    assert (article.title, article.source, article.published, article.author) == (
        "Arsenal close in on Saka deal",
        "The Daily Ball",
        "2024-10-01",
        "Sam Reporter",
    )
    text = " ".join(chunk_texts(store))
    assert "Saka paragraph 1" in text and "Saka paragraph 4" in text
    for marker in BOILERPLATE_MARKERS:
        assert marker not in text
    [info] = service.list()
    assert (info.source, info.kind, info.articles, info.chunks, info.status) == (
        server.url("/story"),
        "url",
        1,
        report.chunks_added,
        "ok",
    )
    assert info.last_fetched and not info.last_error


def test_unchanged_pages_cost_no_embedding_and_no_write(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    page = article_page("Rice signs", paragraphs("Rice")).encode()

    def conditional(request: RecordedRequest) -> Response:
        if request.header("if-none-match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body=page, headers={"ETag": '"v1"'})

    server.route("/etag", handler=conditional)
    server.route("/plain", article_page("Kane stays", paragraphs("Kane")))  # no validators
    service = make_service(server)
    assert service.ingest([server.url("/etag"), server.url("/plain")]).new == 2
    before = snapshot(service.store)
    server.clear()
    again = service.refresh()
    assert again.to_json() == {
        "articles": {"new": 0, "updated": 0, "unchanged": 2, "failed": 0},
        "chunks": {"added": 0, "removed": 0},
        "embeddings": 0,
        "claims": {"articles_read": 0, "found": 0},
        "errors": [],
    }
    assert snapshot(service.store) == before  # the revision too: not one write
    assert [r.header("if-none-match") for r in server.requests_to("/etag")] == ['"v1"']
    assert len(server.requests_to("/plain")) == 1


def test_a_changed_page_replaces_its_old_chunks(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    current = {"paragraphs": paragraphs("Osimhen", 6)}
    server.route(
        "/story",
        handler=lambda _: Response(body=article_page("Osimhen", current["paragraphs"]).encode()),
    )
    service = make_service(server)
    first = service.add(server.url("/story"))
    store = service.store
    old = set(chunk_texts(store))
    rewritten = (
        "Osimhen correction: the club now deny any agreement and say the striker was never "
        "offered to them, contrary to earlier reports about a fee and personal terms."
    )
    current["paragraphs"] = [*paragraphs("Osimhen", 2), rewritten]
    report = service.refresh(server.url("/story"))
    assert (report.new, report.updated, report.failed) == (0, 1, 0)
    assert report.chunks_removed > 0 and report.embeddings == report.chunks_added
    assert report.embeddings < first.embeddings  # unchanged leading chunks were kept
    texts = chunk_texts(store)
    assert any(rewritten[:40] in t for t in texts)
    assert not any("Osimhen paragraph 5" in t for t in texts)
    assert set(texts) & old  # the first paragraphs' chunk survived untouched
    # Search cannot return the removed text: its chunks are gone, not just outranked.
    vector = service.index.embedder.embed([paragraphs("Osimhen", 6)[4]])[0]
    found = store.get_chunks([chunk_id for chunk_id, _ in store.nearest(vector, 50)])
    assert found and not any("paragraph 5" in chunk.text for chunk in found.values())


def test_syndicated_copy_is_stored_once_with_both_urls(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    body = paragraphs("Mbappe")
    server.route("/original", article_page("Mbappe decision", body, outlet="Outlet A"))
    server.route("/wire/copy", article_page("Mbappe decision", body, outlet="Outlet B"))
    service = make_service(server)
    store = service.store
    service.add(server.url("/original"))
    chunks = chunk_texts(store)
    report = service.add(server.url("/wire/copy"))
    assert report.to_json()["articles"] == {"new": 0, "updated": 0, "unchanged": 1, "failed": 0}
    assert report.embeddings == 0 and chunk_texts(store) == chunks
    assert any("same text as" in note for note in report.notes)
    [record] = store.list_articles()
    assert record.id == server.url("/original")
    assert record.also_urls == (server.url("/wire/copy"),)
    rows = {row.source: row for row in service.list()}
    assert rows[server.url("/wire/copy")].articles == 1
    again = service.refresh(server.url("/wire/copy"))
    assert (again.unchanged, again.embeddings) == (1, 0)
    forgotten = service.forget(server.url("/wire/copy"))
    assert (forgotten.articles, forgotten.chunks) == (0, 0)
    [record] = store.list_articles()
    assert record.also_urls == () and chunk_texts(store) == chunks


def test_redirected_url_is_stored_under_its_final_url(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.redirect("/s/abc", "/2024/10/long-story?utm_campaign=share", status=301)
    server.route("/2024/10/long-story", article_page("Long story", paragraphs("Long")))
    service = make_service(server)
    assert service.add(server.url("/s/abc")).new == 1
    [record] = service.store.list_articles()
    assert record.id == server.url("/2024/10/long-story")
    assert record.also_urls == (server.url("/s/abc"),)
    [row] = service.list()
    assert (row.source, row.articles) == (server.url("/s/abc"), 1)
    result = service.forget(record.id)  # by article id: the source goes with it
    assert (result.articles, result.chunks) == (1, record.chunks)
    assert service.list() == []


# Feeds ----------------------------------------------------------------------------------------


def test_rss_feed_entries_use_their_page_or_else_the_feeds_own_text(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/a1", article_page("Rice deal agreed", paragraphs("Rice")))
    server.route("/a3", b"%PDF-1.4 binary", content_type="application/pdf")
    items = [
        {"title": "Rice deal agreed", "link": server.url("/a1"), "description": "Teaser."},
        {
            "title": "Kane wants out",
            "link": server.url("/a2"),  # 404
            "pubDate": "Wed, 02 Oct 2024 07:15:00 GMT",
            "description": "Harry Kane has told Bayern he wants to leave this summer.",
        },
        {
            "title": "Osimhen latest",
            "link": server.url("/a3"),
            "pubDate": "Thu, 03 Oct 2024 18:00:00 GMT",
            "description": "Short teaser.",
            "content": "<p>Chelsea have opened talks over Victor Osimhen.</p><p>More soon.</p>",
        },
        {"title": "Nothing at all", "link": server.url("/a4")},  # 404 and no text either
    ]
    server.route("/feed.xml", rss_feed("Ball Feed", items), content_type=RSS)
    service = make_service(server)
    report = service.add(server.url("/feed.xml"), feed=True)
    assert (report.new, report.failed) == (3, 1)
    assert report.errors == [
        (server.url("/a4"), "HTTP 404 Not Found, and the feed entry has no text")
    ]
    store = service.store
    page = store.get_article(server.url("/a1"))
    fallback = store.get_article(server.url("/a2"))
    content = store.get_article(server.url("/a3"))
    assert page is not None and fallback is not None and content is not None
    assert (page.source, page.published, page.origin) == (
        "The Daily Ball",
        "2024-10-01",
        server.url("/feed.xml"),
    )
    assert (fallback.source, fallback.published, fallback.title) == (
        "Ball Feed",
        "2024-10-02T07:15:00+00:00",
        "Kane wants out",
    )
    assert fallback.text == "Harry Kane has told Bayern he wants to leave this summer."
    assert content.text == "Chelsea have opened talks over Victor Osimhen.\n\nMore soon."
    [row] = service.list()
    assert (row.kind, row.articles, row.status) == ("feed", 3, "error")
    assert server.url("/a4") in row.last_error


def test_atom_feed_is_detected_and_relative_links_resolved(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/stories/m", article_page("Mbappe move", paragraphs("Mbappe")))
    entries = [{"title": "Mbappe move", "href": "/stories/m", "summary": "Teaser."}]
    server.route("/atom", atom_feed("Atom Outlet", entries), content_type="application/atom+xml")
    service = make_service(server)
    report = service.add(server.url("/atom"))  # feed=None: decided by the content type
    assert (report.new, report.failed) == (1, 0)
    [record] = service.store.list_articles()
    assert (record.id, record.origin) == (server.url("/stories/m"), server.url("/atom"))
    assert [(row.kind, row.source) for row in service.list()] == [("feed", server.url("/atom"))]


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_an_unchanged_feed_costs_one_304(
    server: HTTPTestServer, make_service: MakeService, validator: str
) -> None:
    server.route("/a", article_page("Story A", paragraphs("A")))
    feed = rss_feed("F", [{"title": "A", "link": server.url("/a")}]).encode()
    stamp = "Tue, 01 Oct 2024 10:00:00 GMT"
    headers = {"ETag": '"f1"'} if validator == "etag" else {"Last-Modified": stamp}

    def conditional(request: RecordedRequest) -> Response:
        if (
            request.header("if-none-match") == '"f1"'
            or request.header("if-modified-since") == stamp
        ):
            return Response(status=304, headers=headers)
        return Response(body=feed, headers=headers, content_type=RSS)

    server.route("/feed.xml", handler=conditional)
    service = make_service(server)
    service.add(server.url("/feed.xml"), feed=True)
    before = snapshot(service.store)
    server.clear()
    report = service.refresh_feeds()
    assert [r.path for r in server.requests] == ["/feed.xml"]
    assert report.to_json()["articles"] == {"new": 0, "updated": 0, "unchanged": 0, "failed": 0}
    assert report.embeddings == 0 and "not modified" in report.notes[0]
    assert snapshot(service.store) == before


def test_a_changed_feed_fetches_only_its_new_entries(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    items = []
    for name in ("a", "b", "c"):
        server.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
        items.append({"title": f"Story {name}", "link": server.url(f"/{name}")})
    live = items[:2]
    server.route(
        "/feed.xml",
        handler=lambda _: Response(body=rss_feed("F", live).encode(), content_type=RSS),
    )
    service = make_service(server)
    assert service.add(server.url("/feed.xml"), feed=True).new == 2
    server.clear()
    live.insert(0, items[2])
    report = service.refresh(server.url("/feed.xml"))
    assert (report.new, report.unchanged, report.embeddings > 0) == (1, 2, True)
    assert [r.path for r in server.requests] == ["/feed.xml", "/c"]


def test_a_huge_feed_is_capped_and_the_cap_reported(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    items = [
        {"title": f"Item {n}", "link": server.url(f"/i/{n}"), "description": f"Rumour {n}."}
        for n in range(2000)
    ]
    server.route("/feed.xml", rss_feed("Big", items), content_type=RSS)
    service = make_service(server, feed_max_entries=3)
    report = service.add(server.url("/feed.xml"), feed=True)
    assert (report.new, report.failed) == (3, 0)
    assert any("capped at 3 entries (it has 2000)" in note for note in report.notes)
    assert len(server.requests) == 1 + 3  # the feed, then one page per kept entry


def test_forgotten_feed_entry_stays_forgotten(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    for name in ("a", "b"):
        server.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
    items = [{"title": f"Story {n}", "link": server.url(f"/{n}")} for n in ("a", "b")]
    server.route("/feed.xml", rss_feed("F", items), content_type=RSS)
    service = make_service(server)
    service.add(server.url("/feed.xml"), feed=True)
    store = service.store
    result = service.forget(server.url("/a"))
    assert (result.source, result.articles) == (server.url("/a"), 1)
    assert service.refresh().new == 0  # the feed still lists it, but it is not brought back
    assert [r.id for r in store.list_articles()] == [server.url("/b")]
    # Added by hand it comes back, and the feed may carry it again.
    assert service.add(server.url("/a")).new == 1
    assert len(store.list_articles()) == 2


# The registry, refresh and forget -------------------------------------------------------------


def test_registry_persists_every_source_with_its_state(
    server: HTTPTestServer, make_service: MakeService, tmp_path: Path
) -> None:
    server.route("/story", article_page("Story", paragraphs("S")))
    server.route("/feed.xml", rss_feed("F", []), content_type=RSS)
    (tmp_path / "note.md").write_text("# Fry to Burnley\n\nBurnley are plotting a bid for Fry.\n")
    jsonl = tmp_path / "rumours.jsonl"
    rows = [{"id": f"j{n}", "title": f"T{n}", "text": f"Rumour number {n}."} for n in range(3)]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    service = make_service(server)
    report = service.ingest(
        [server.url("/story"), str(tmp_path / "note.md")],
        feeds=[server.url("/feed.xml")],
        jsonl=[jsonl],
    )
    assert (report.new, report.failed) == (5, 0)
    saved = json.loads((service.settings.data_dir / "sources.json").read_text())
    assert {(s["source"], s["kind"], s["status"]) for s in saved["sources"]} == {
        (server.url("/story"), "url", "ok"),
        (server.url("/feed.xml"), "feed", "ok"),
        (str(tmp_path / "note.md"), "file", "ok"),
        (str(jsonl), "jsonl", "ok"),
    }
    counts = {(row.kind, row.articles) for row in service.list()}
    assert counts == {("url", 1), ("feed", 0), ("file", 1), ("jsonl", 3)}
    # Refreshing one JSON Lines file picks up an edited line and nothing else.
    rows[1]["text"] = "Rumour number 1, now confirmed by the club."
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    server.clear()
    again = service.refresh(str(jsonl))
    assert (again.updated, again.unchanged, again.new) == (1, 2, 0)
    assert server.requests == []


def test_a_failing_source_keeps_what_was_stored_and_records_the_error(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    state = {"status": 200}
    page = article_page("Story", paragraphs("S")).encode()
    server.route(
        "/story",
        handler=lambda _: Response(
            body=page if state["status"] == 200 else b"", status=state["status"]
        ),
    )
    service = make_service(server)
    service.add(server.url("/story"))
    before = snapshot(service.store)
    state["status"] = 500
    report = service.refresh()
    assert report.errors == [(server.url("/story"), "HTTP 500 Internal Server Error")]
    assert snapshot(service.store) == before
    [row] = service.list()
    assert (row.status, row.last_error, row.articles) == (
        "error",
        "HTTP 500 Internal Server Error",
        1,
    )
    state["status"] = 200
    assert service.refresh().unchanged == 1
    assert service.list()[0].status == "ok"


def test_forget_by_url_feed_file_and_unknown(
    server: HTTPTestServer, make_service: MakeService, tmp_path: Path, monkeypatch
) -> None:
    for name in ("a", "b", "c"):
        server.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
    items = [{"title": n, "link": server.url(f"/{n}")} for n in ("b", "c")]
    server.route("/feed.xml", rss_feed("F", items), content_type=RSS)
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text('{"id": "j1", "title": "T", "text": "Some rumour."}\n')
    service = make_service(server)
    service.ingest([server.url("/a")], feeds=[server.url("/feed.xml")], jsonl=[jsonl])
    store = service.store
    # Any spelling of the URL (tracking parameters, fragment) names the same source.
    by_url = service.forget(server.url("/a?utm_source=x#top"))
    assert (by_url.source, by_url.articles) == (server.url("/a"), 1)
    by_feed = service.forget(server.url("/feed.xml"))
    assert (by_feed.source, by_feed.articles) == (server.url("/feed.xml"), 2)
    monkeypatch.chdir(tmp_path)
    by_path = service.forget("r.jsonl")
    assert (by_path.source, by_path.articles, by_path.chunks) == (str(jsonl), 1, 1)
    assert store.list_articles() == [] and store.count_chunks() == 0
    assert service.list() == []
    with pytest.raises(NotFoundError, match="Nothing to forget: 'nope'"):
        service.forget("nope")
    with pytest.raises(NotFoundError, match="No source matches"):
        service.refresh("https://unknown.example/")
