"""Bad input and unsafe destinations: each source gets its own error, the batch goes on, and
nothing already stored (or refused) is touched. Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ingest.sources.service import SourceService
from tests.support.helpers import free_port
from tests.support.httpserver import (
    HTTPTestServer,
    article_page,
    boilerplate_page,
    paragraphs,
    rss_feed,
)

MakeService = Callable[..., SourceService]
TEXT = "Café talk: Müller joins for £40m, Señor Pérez says the fee is agreed and signed."


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        yield running


@pytest.fixture
def other_server() -> Iterator[HTTPTestServer]:
    """A second server that is never in the allowlist."""
    with HTTPTestServer() as running:
        yield running


def assert_nothing_stored(service: SourceService) -> None:
    assert service.store.list_articles() == []
    assert service.store.count_chunks() == 0
    assert service.registry.load() == {}


def test_each_bad_source_gets_its_own_error_and_the_batch_goes_on(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/good", article_page("Good story", paragraphs("Good")))
    latin = article_page("Latin story", [TEXT, *paragraphs("Latin")], charset="windows-1252")
    server.route("/latin", latin.encode("cp1252"), content_type="text/html")  # <meta> only
    # The header's charset wins over the page's (wrong) <meta charset="utf-8">.
    latin2 = article_page("Latin two", [TEXT, *paragraphs("Other")], charset="utf-8")
    server.route("/latin-header", latin2.encode("cp1252"), content_type="text/html; charset=cp1252")
    server.route("/slow", article_page("Slow", paragraphs("Slow")), delay=2.0)
    server.route("/broken", "oops", status=500)
    server.route("/image", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
    server.route("/empty", b"")
    server.route("/boilerplate", boilerplate_page())
    server.route("/huge", stream_chunks=[b"<p>" + b"x" * 1021] * 100)
    server.route(
        "/bad-feed",
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut off',
        content_type="application/rss+xml",
    )
    dead = free_port()
    service = make_service(
        server.netloc, f"127.0.0.1:{dead}", fetch_timeout=0.5, fetch_max_bytes=20_000
    )
    service.add(server.url("/good"))
    before = sorted((c.id, c.text) for c in service.store.all_chunks())
    names = ("latin", "latin-header", "slow", "missing", "broken", "image", "empty", "boilerplate")
    urls = {name: server.url(f"/{name}") for name in (*names, "huge")}
    report = service.ingest(
        [f"http://127.0.0.1:{dead}/story", *urls.values(), server.url("/good")],
        feeds=[server.url("/bad-feed")],
    )
    errors = dict(report.errors)
    expected = {
        f"http://127.0.0.1:{dead}/story": "could not connect: ",
        urls["slow"]: "timed out after 0.5 s",
        urls["missing"]: "HTTP 404 Not Found",
        urls["broken"]: "HTTP 500 Internal Server Error",
        urls["image"]: "unsupported content type image/png",
        urls["empty"]: "the page is empty",
        urls["boilerplate"]: "the page has no article text (only boilerplate",
        urls["huge"]: "response larger than 20000 bytes",
        server.url("/bad-feed"): "malformed feed XML (line 1, column ",
    }
    assert set(errors) == set(expected)
    for source, reason in expected.items():
        assert errors[source].startswith(reason), (source, errors[source])
    assert (report.new, report.unchanged, report.failed) == (2, 1, 9)
    assert not report.ok
    store = service.store
    stored = {r.id for r in store.list_articles()}
    assert stored == {server.url("/good"), urls["latin"], urls["latin-header"]}
    for name in ("latin", "latin-header"):
        article = store.get_article(urls[name])
        assert article is not None and TEXT in article.text, name
    good = server.url("/good")
    assert sorted((c.id, c.text) for c in store.all_chunks() if c.article_id == good) == before
    assert set(service.registry.load()) == {
        server.url("/good"),
        urls["latin"],
        urls["latin-header"],
    }


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("http://127.0.0.1:{port}/story", "refused: 127.0.0.1 is a loopback address"),
        ("http://localhost:{port}/story", "refused: localhost is a loopback name"),
        ("http://[::1]:{port}/story", "refused: ::1 is a loopback address"),
        ("http://10.0.0.1/story", "refused: 10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata endpoint"),
        ("file:///etc/passwd", "refused: only http and https URLs can be fetched, not file:"),
        ("http://user:pass@127.0.0.1:{port}/story", "refused: URLs with credentials"),
    ],
)
@pytest.mark.parametrize("feed", [None, True], ids=["url", "feed"])
def test_unsafe_destinations_are_refused_and_nothing_is_stored(
    server: HTTPTestServer,
    make_service: MakeService,
    template: str,
    reason: str,
    feed: bool | None,
) -> None:
    server.route("/story", article_page("Story", paragraphs("S")))
    service = make_service()  # no allowlist
    target = template.format(port=server.port)
    report = service.add(target, feed=feed)
    [(source, error)] = report.errors
    # The URL as submitted (all are canonical), never with its credentials.
    assert reason in error and source == target.replace("user:pass@", "")
    assert report.failed == 1 and report.new == 0
    assert server.connections == 0
    assert_nothing_stored(service)
    # The command line's batch path refuses them the same way.
    assert reason in service.ingest([target]).errors[0][1]
    assert server.connections == 0
    assert_nothing_stored(service)


def test_credentials_are_refused_even_for_an_allowlisted_host(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/story", article_page("Story", paragraphs("S")))
    service = make_service(server.netloc)
    report = service.add(f"http://user:pass@{server.netloc}/story")
    assert "credentials" in report.errors[0][1]
    assert server.connections == 0
    assert_nothing_stored(service)


def test_redirects_out_of_the_allowlist_are_refused(
    server: HTTPTestServer, other_server: HTTPTestServer, make_service: MakeService
) -> None:
    other_server.route("/story", article_page("Elsewhere", paragraphs("Elsewhere")))
    server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    server.redirect("/to-other", other_server.url("/story"))
    service = make_service(server.netloc)
    report = service.ingest([server.url("/to-metadata"), server.url("/to-other")])
    errors = dict(report.errors)
    assert errors[server.url("/to-metadata")] == (
        "refused: redirect to http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a "
        "link-local address (cloud metadata endpoint)"
    )
    assert errors[server.url("/to-other")] == (
        f"refused: redirect to {other_server.url('/story')}: 127.0.0.1 is a loopback address"
    )
    assert other_server.connections == 0
    assert_nothing_stored(service)


def test_feed_entries_and_refresh_go_through_the_same_checks(
    server: HTTPTestServer, other_server: HTTPTestServer, make_service: MakeService
) -> None:
    other_server.route("/story", article_page("Elsewhere", paragraphs("Elsewhere")))
    items = [
        {
            "title": "Off-list",
            "link": other_server.url("/story"),
            "description": "The feed's own summary of the story.",
        },
        {"title": "Metadata", "link": "http://169.254.169.254/latest/meta-data/"},
    ]
    server.route("/feed.xml", rss_feed("F", items), content_type="application/rss+xml")
    service = make_service(server.netloc)
    report = service.add(server.url("/feed.xml"), feed=True)
    assert other_server.connections == 0  # the page was never fetched: the summary stands in
    assert report.new == 1
    [article] = service.store.list_articles()
    assert (article.id, article.source) == (other_server.url("/story"), "F")
    [(source, error)] = report.errors
    assert source == "http://169.254.169.254/latest/meta-data/"
    assert error.startswith("refused: 169.254.169.254 is a link-local address")
    # A registered feed that now redirects somewhere unsafe is refused on refresh, and kept.
    server.redirect("/feed.xml", "http://10.0.0.1/feed.xml")
    again = service.refresh()
    assert again.errors == [
        (server.url("/feed.xml"), "refused: redirect to http://10.0.0.1/feed.xml: "
         "10.0.0.1 is a private address")
    ]  # fmt: skip
    assert [r.id for r in service.store.list_articles()] == [article.id]
    assert other_server.connections == 0


@pytest.mark.parametrize("target", ["/etc/passwd", "etc/hostname", "~/.ssh/id_rsa", ""])
def test_add_never_reads_local_paths(make_service: MakeService, target: str) -> None:
    # add() is what Discord moderators reach: it takes URLs only, never a file on the host.
    service = make_service()
    report = service.add(target)
    assert report.failed == 1 and report.errors[0][1].startswith("refused: ")
    assert_nothing_stored(service)


def test_a_submitted_url_with_user_and_password_is_refused_without_echoing_them(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/story", article_page("Story", paragraphs("S")))
    service = make_service(server.netloc)
    refused = service.add(f"http://scout:hunter2@{server.netloc}/story")
    [(source, error)] = refused.errors
    assert source == server.url("/story") and "hunter2" not in error
    assert error == "refused: URLs with credentials (user:pass@) are not accepted; leave them out"
    assert_nothing_stored(service)


def test_credential_parameters_are_dropped_from_what_is_shown_and_stored(
    server: HTTPTestServer, make_service: MakeService
) -> None:
    server.route("/story", article_page("Story", paragraphs("S")))
    service = make_service(server.netloc)
    secret = "api_key=K1&id=7&Token=T2&sig=S3&signature=S4&auth=A5&access_token=T6&key=K7"
    report = service.add(f"http://{server.netloc}/story?{secret}&utm_source=x")
    assert report.new == 1 and report.errors == []
    kept = server.url("/story?id=7")
    assert list(service.registry.load()) == [kept]
    assert [row.source for row in service.list()] == [kept]  # what /sources and --json show
    assert [r.id for r in service.store.list_articles()] == [kept]
    saved = service.registry.path.read_text()
    assert not any(value in saved for value in ("K1", "T2", "S3", "S4", "A5", "T6", "K7"))
