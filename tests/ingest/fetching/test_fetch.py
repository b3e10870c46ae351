"""Fetching against a real local server: success paths, limits, errors, decoding and SSRF refusals.

Only 127.0.0.1 is ever contacted; refused destinations must not produce a connection at all.
"""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpcore
import pytest

from ingest.core.errors import ConfigError, FetchError, FetchRefusedError
from ingest.core.settings import Settings
from ingest.fetching.decode import decode_body
from ingest.fetching.fetch import Fetcher, FetchPolicy
from ingest.fetching.urls import blocked_reason, canonical_url, validate_url
from tests.support.helpers import free_port
from tests.support.httpserver import HTTPTestServer, RecordedRequest, Response

PAGE = "<!doctype html><html><head><title>Deal</title></head><body><p>Done deal.</p></body></html>"
RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Rumours</title></channel></rss>'


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        yield running


def make_fetcher(server: HTTPTestServer | None = None, **overrides: Any) -> Fetcher:
    """A fetcher whose allowlist holds the test server, with small limits unless overridden."""
    options: dict[str, Any] = {"timeout": 2.0, "max_bytes": 100_000, "max_redirects": 5}
    options["allowlist"] = frozenset({server.netloc} if server else ())
    options.update(overrides)
    return Fetcher(FetchPolicy(**options))


@pytest.fixture
def fetcher(server: HTTPTestServer) -> Iterator[Fetcher]:
    with make_fetcher(server) as made:
        yield made


# Success paths -------------------------------------------------------------------------------


def test_fetches_html(server: HTTPTestServer, fetcher: Fetcher) -> None:
    server.route("/article", PAGE, headers={"ETag": '"v1"', "Last-Modified": "Tue, 01 Oct 2024"})
    result = fetcher.fetch(server.url("/article?utm_source=x&b=2&a=1#top"))
    assert result.status == 200
    assert result.text == PAGE
    assert result.content_type == "text/html"
    assert result.url == server.url("/article?a=1&b=2")
    assert result.final_url == result.url
    assert (result.etag, result.last_modified) == ('"v1"', "Tue, 01 Oct 2024")
    [request] = server.requests
    assert request.path == "/article?a=1&b=2"
    assert (request.header("user-agent") or "").startswith("rumour-desk/")
    assert request.header("host") == server.netloc


def test_fetches_feed(server: HTTPTestServer, fetcher: Fetcher) -> None:
    server.route("/feed", RSS, content_type="application/rss+xml")
    result = fetcher.fetch(server.url("/feed"), kinds="feed")
    assert (result.status, result.content_type, result.text) == (200, "application/rss+xml", RSS)
    assert "application/rss+xml" in (server.requests[0].header("accept") or "")


def test_sniffs_a_page_served_without_content_type(
    server: HTTPTestServer, fetcher: Fetcher
) -> None:
    server.route("/bare", PAGE, content_type=None)
    server.route("/junk", b"\x00\x01binary", content_type=None)
    assert fetcher.fetch(server.url("/bare")).content_type == "text/html"
    with pytest.raises(FetchError, match="no content type"):
        fetcher.fetch(server.url("/junk"))


def test_follows_redirects(server: HTTPTestServer, fetcher: Fetcher) -> None:
    server.redirect("/old", "/middle", status=301)
    server.redirect("/middle", server.url("/new?utm_medium=social"), status=307)
    server.route("/new", PAGE)
    result = fetcher.fetch(server.url("/old"))
    assert result.text == PAGE
    assert result.url == server.url("/old")
    assert result.final_url == server.url("/new")
    assert [r.path for r in server.requests] == ["/old", "/middle", "/new?utm_medium=social"]


def test_too_many_redirects(server: HTTPTestServer) -> None:
    server.redirect("/loop", "/loop")
    with make_fetcher(server, max_redirects=3) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/loop"))
    assert "too many redirects (more than 3)" in str(caught.value)
    assert len(server.requests) == 4
    with make_fetcher(server, max_redirects=0) as fetcher, pytest.raises(FetchError):
        fetcher.fetch(server.url("/loop"))


def test_conditional_request_gets_304(server: HTTPTestServer, fetcher: Fetcher) -> None:
    def conditional(request: RecordedRequest) -> Response:
        if request.header("if-none-match") == '"v7"':
            return Response(status=304, headers={"ETag": '"v7"'})
        return Response(body=PAGE.encode(), headers={"ETag": '"v7"'})

    server.route("/page", handler=conditional)
    when = "Wed, 21 Oct 2015 07:28:00 GMT"
    result = fetcher.fetch(server.url("/page"), etag='"v7"', last_modified=when)
    assert (result.status, result.text, result.etag) == (304, "", '"v7"')
    assert result.last_modified == when
    [request] = server.requests
    assert request.header("if-none-match") == '"v7"'
    assert request.header("if-modified-since") == when
    assert fetcher.fetch(server.url("/page"), etag='"old"').status == 200


# Limits and failures -------------------------------------------------------------------------


def test_slow_response_times_out(server: HTTPTestServer) -> None:
    server.route("/slow", PAGE, delay=2.0)  # waiting it out would succeed, not time out
    with make_fetcher(server, timeout=0.5) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/slow"))
    assert "timed out after 0.5 s" in str(caught.value)


def test_size_cap_is_enforced_while_streaming(server: HTTPTestServer) -> None:
    # 200 KB over 2 s without a Content-Length: reading must stop soon after the first 10 KB,
    # so the server's writes start failing long before its 200th chunk.
    server.route("/huge", stream_chunks=[b"<p>" + b"x" * 1021] * 200, chunk_delay=0.01)
    with make_fetcher(server, max_bytes=10_000) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/huge"))
    assert "response larger than 10000 bytes" in str(caught.value)
    counts = [-1, server.chunks_sent("/huge")]
    while counts[-1] != counts[-2] and len(counts) < 100:  # until the server notices the hang-up
        time.sleep(0.1)
        counts.append(server.chunks_sent("/huge"))
    assert 10 <= counts[-1] < 100


def test_oversized_content_length_is_refused_before_reading(server: HTTPTestServer) -> None:
    # The header claims 50 MB but only a little is sent: only an early check can report the size.
    server.route("/declared", PAGE, headers={"Content-Length": "50000000"})
    with make_fetcher(server) as fetcher, pytest.raises(FetchError, match="larger than 100000"):
        fetcher.fetch(server.url("/declared"))


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/pdf", "application/octet-stream"]
)
def test_binary_content_is_refused(
    server: HTTPTestServer, fetcher: Fetcher, content_type: str
) -> None:
    server.route("/file", b"\x89PNG\r\n\x1a\n", content_type=content_type)
    with pytest.raises(FetchError, match=f"unsupported content type {content_type}"):
        fetcher.fetch(server.url("/file"))


def test_kind_decides_the_accepted_types(server: HTTPTestServer, fetcher: Fetcher) -> None:
    server.route("/page", PAGE)
    server.route("/feed", RSS, content_type="application/atom+xml")
    with pytest.raises(FetchError, match="text/html for an RSS or Atom feed"):
        fetcher.fetch(server.url("/page"), kinds="feed")
    with pytest.raises(FetchError, match="application/atom\\+xml for an HTML page"):
        fetcher.fetch(server.url("/feed"))


@pytest.mark.parametrize(
    ("status", "message"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors(server: HTTPTestServer, fetcher: Fetcher, status: int, message: str) -> None:
    server.route("/broken", "oops", status=status)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/broken"))
    assert caught.value.reason == message
    assert not isinstance(caught.value, FetchRefusedError)


def test_connection_refused() -> None:
    port = free_port()
    allowed = frozenset({f"127.0.0.1:{port}"})
    with make_fetcher(allowlist=allowed) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(f"http://127.0.0.1:{port}/")
    assert str(caught.value).startswith(f"http://127.0.0.1:{port}/: could not connect: ")


# Decoding ------------------------------------------------------------------------------------

TEXT = "Café talk: Müller joins for £40m, Señor Pérez says the fee is agreed."


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=windows-1252", f"<p>{TEXT}</p>".encode("cp1252")),
        ("text/html; charset=ISO-8859-1", f"<p>{TEXT}</p>".encode("latin-1")),
        ("text/html", f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("cp1252")),
        (
            "text/html",
            f'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f"<p>{TEXT}</p>".encode("latin-1"),
        ),
        ("text/html", f"<p>{TEXT}</p>".encode()),
        ("text/html; charset=iso-8859-1", b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode()),
        ("text/html", f"<html><body><p>{TEXT} {TEXT}</p></body></html>".encode("cp1252")),
        ("text/html; charset=no-such-charset", f"<p>{TEXT}</p>".encode()),
    ],
    ids=["header-1252", "header-latin1", "meta", "http-equiv", "utf8", "bom", "guess", "bogus"],
)
def test_decodes_declared_and_guessed_charsets(
    server: HTTPTestServer, fetcher: Fetcher, content_type: str, body: bytes
) -> None:
    server.route("/page", body, content_type=content_type)
    assert TEXT in fetcher.fetch(server.url("/page")).text


def test_decodes_xml_declaration(server: HTTPTestServer, fetcher: Fetcher) -> None:
    feed = f'<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>{TEXT}</title></rss>'
    server.route("/feed", feed.encode("latin-1"), content_type="application/rss+xml")
    assert TEXT in fetcher.fetch(server.url("/feed"), kinds="feed").text


def test_only_a_page_that_declares_no_charset_is_left_to_the_extractor() -> None:
    from ingest.fetching.decode import html_source
    from ingest.parsing.extract import extract_html

    more = "".join(f"<p>Paragraph {n}: {TEXT}</p>" for n in range(4))
    page = f"<html><body><article><p>{TEXT}</p>{more}</article></body></html>"
    latin = page.encode("cp1252")
    assert html_source(latin, "windows-1252") == page  # the header's charset decodes it here
    meta = f'<meta charset="windows-1252">{page}'
    assert html_source(meta.encode("cp1252"), None) == meta
    assert html_source(latin, None) is latin  # nothing declared: trafilatura detects it
    assert TEXT in extract_html(html_source(latin, None), url=None, source="page").text


def test_decode_ignores_non_text_codecs() -> None:
    assert decode_body(b"plain", "zlib") == "plain"
    assert decode_body(b'<meta charset="utf-16"><p>\xc3\xa9</p>', None).endswith("<p>é</p>")


# URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTP://Example.COM", "http://example.com/"),
        ("https://example.com:443/a#frag", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a?utm_source=x&utm_medium=y&id=3", "https://example.com/a?id=3"),
        (
            "https://example.com/?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5",
            "https://example.com/",
        ),
        (
            "https://example.com/?ref=tw&ref_src=a&cmpid=b&ocid=c&_ga=d&CMP=e",
            "https://example.com/",
        ),
        ("https://example.com/?b=2&a=1&c=", "https://example.com/?a=1&b=2&c="),
        ("https://example.com/?tag=b&tag=a", "https://example.com/?tag=b&tag=a"),
        ("  https://example.com/a \n", "https://example.com/a"),
        ("https://Bücher.example/ü", "https://xn--bcher-kva.example/%C3%BC"),
        ("http://[::1]:80/", "http://[::1]/"),
        ("https://www.example.com./x", "https://www.example.com/x"),
    ],
)
def test_canonicalize_url(raw: str, canonical: str) -> None:
    url = canonical_url(raw)
    assert url == canonical
    assert canonical_url(url) is url  # canonical once, then handed on as it is


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "not file:"),
        ("ftp://example.com/x", "not ftp:"),
        ("javascript:alert(1)", "not javascript:"),
        ("example.com/page", "must start with http"),
        ("http://user:pass@example.com/", "credentials"),
        ("http://user@example.com/", "credentials"),
        ("http:///path", "no host"),
        ("http://exa mple.com/", "malformed"),
        ("http://example.com:99999/", "malformed"),
        ("http://[::1/", "malformed"),
        ("http://a\\@b.com/", "malformed"),
        ("", "empty"),
    ],
)
def test_validate_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchRefusedError, match=reason):
        validate_url(url)


def test_validate_url_returns_url_without_fragment() -> None:
    assert validate_url(" https://example.com/a?b=1#c ") == "https://example.com/a?b=1"


# SSRF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("64:ff9b::a00:1", "private"),
        ("2002:a00:1::", "private"),
    ],
)
def test_blocked_addresses(address: str, kind: str) -> None:
    assert kind in (blocked_reason(address) or "")


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(address) is None


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("http://127.0.0.1:{port}/", "refused: 127.0.0.1 is a loopback address"),
        ("http://localhost:{port}/", "refused: localhost is a loopback name"),
        ("http://sub.localhost:{port}/", "loopback name"),
        ("http://[::1]:{port}/", "refused: ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:{port}/", "loopback address"),
        ("http://0.0.0.0:{port}/", "unspecified address"),
        ("http://2130706433:{port}/", "2130706433 resolves to 127.0.0.1, a loopback address"),
        ("http://10.0.0.1/", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("file:///etc/passwd", "not file:"),
        ("http://user:pass@example.com/", "credentials"),
    ],
)
def test_refused_without_allowlist(server: HTTPTestServer, template: str, reason: str) -> None:
    server.route("/", PAGE)
    with make_fetcher() as fetcher, pytest.raises(FetchRefusedError) as caught:
        fetcher.fetch(template.format(port=server.port))
    assert reason in str(caught.value)
    assert server.connections == 0
    assert server.requests == []


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://localhost:{port}/", "localhost is a loopback name"),
        ("http://[::1]:{port}/", "::1 is a loopback address"),
        ("http://10.1.2.3/", "10.1.2.3 is a private address"),
        ("file:///etc/passwd", "not file:"),
        ("http://user:pw@127.0.0.1:{port}/", "credentials"),
    ],
)
def test_redirect_out_of_the_allowlist_is_refused(
    server: HTTPTestServer, fetcher: Fetcher, location: str, reason: str
) -> None:
    server.redirect("/hop", location.format(port=server.port))
    server.route("/", PAGE)
    with pytest.raises(FetchRefusedError) as caught:
        fetcher.fetch(server.url("/hop"))
    assert "refused: redirect to " in str(caught.value)
    assert reason in str(caught.value)
    assert [r.path for r in server.requests] == ["/hop"]


def test_allowlist_entry_without_port_allows_any_port(server: HTTPTestServer) -> None:
    server.route("/", PAGE)
    with make_fetcher(allowlist=frozenset({"127.0.0.1"})) as fetcher:
        assert fetcher.fetch(server.url("/")).status == 200


def fake_resolver(
    monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[list[str]]]
) -> list[str]:
    """Make getaddrinfo answer each name in `answers` from its list of answers, one per call."""
    real = socket.getaddrinfo
    calls: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in answers:
            return real(host, port, *args, **kwargs)
        calls.append(host)
        replies = answers[host]
        addresses = replies.pop(0) if len(replies) > 1 else replies[0]
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def test_dns_rebinding_gets_nothing(server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hop check sees a public address; a second lookup would get 127.0.0.1, but there is
    # none: the socket goes to the address that was checked.
    calls = fake_resolver(monkeypatch, {"rebind.test": [["93.184.216.34"], ["127.0.0.1"]]})
    connected: list[str] = []

    def no_route(self: httpcore.SyncBackend, host: str, *args: Any, **kw: Any) -> Any:
        connected.append(host)
        raise httpcore.ConnectError("no route to the internet in this test")

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", no_route)
    server.route("/", PAGE)
    with make_fetcher() as fetcher, pytest.raises(FetchError, match="could not connect"):
        fetcher.fetch(f"http://rebind.test:{server.port}/")
    assert calls == ["rebind.test"]  # DNS is asked once per hop
    assert connected == ["93.184.216.34"]
    assert server.connections == 0


def test_each_redirect_hop_is_resolved_once(
    server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_resolver(monkeypatch, {"a.test": [["127.0.0.1"]], "b.test": [["127.0.0.1"]]})
    server.route("/start", status=302, headers={"Location": f"http://b.test:{server.port}/end"})
    server.route("/end", PAGE)
    allowed = frozenset({f"a.test:{server.port}", f"b.test:{server.port}"})
    with make_fetcher(allowlist=allowed) as fetcher:
        result = fetcher.fetch(f"http://a.test:{server.port}/start")
    assert result.text == PAGE and result.final_url == f"http://b.test:{server.port}/end"
    assert calls == ["a.test", "b.test"]


def test_a_connection_outside_a_checked_hop_is_checked_itself(server: HTTPTestServer) -> None:
    from ingest.fetching.connect import Refused
    from ingest.fetching.fetch import make_client

    server.route("/", PAGE)
    with make_client(FetchPolicy()) as client, pytest.raises(Refused, match="loopback"):
        client.get(server.url("/"))
    assert server.connections == 0


def test_any_private_answer_refuses_the_host(
    server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_resolver(monkeypatch, {"mixed.test": [["93.184.216.34", "127.0.0.1"]]})
    with make_fetcher() as fetcher, pytest.raises(FetchRefusedError, match="loopback"):
        fetcher.fetch(f"http://mixed.test:{server.port}/")
    assert server.connections == 0


def test_socket_connects_to_the_checked_address_with_the_name_in_host(
    server: HTTPTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_resolver(monkeypatch, {"pinned.test": [["127.0.0.1"]]})
    connected: list[str] = []
    real_connect = httpcore.SyncBackend.connect_tcp

    def spy(self: httpcore.SyncBackend, host: str, port: int, *args: Any, **kw: Any) -> Any:
        connected.append(host)
        return real_connect(self, host, port, *args, **kw)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", spy)
    server.route("/", PAGE)
    with make_fetcher(allowlist=frozenset({f"pinned.test:{server.port}"})) as fetcher:
        assert fetcher.fetch(f"http://pinned.test:{server.port}/").text == PAGE
    assert connected == ["127.0.0.1"]
    assert server.requests[0].header("host") == f"pinned.test:{server.port}"


# Policy --------------------------------------------------------------------------------------


def test_policy_from_settings() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        fetch_allowlist=["Example.COM", " 127.0.0.1:8080"],
        fetch_timeout=3,
        fetch_max_bytes=20_000,
        fetch_max_redirects=2,
    )
    policy = FetchPolicy.from_settings(settings)
    assert policy.allowed == frozenset({("example.com", None), ("127.0.0.1", 8080)})
    assert (policy.timeout, policy.max_bytes, policy.max_redirects) == (3, 20_000, 2)


@pytest.mark.parametrize("entry", ["127.0.0.1:http", "bad host", "[::1"])
def test_bad_allowlist_entry(entry: str) -> None:
    with pytest.raises(ConfigError, match="RUMOUR_FETCH_ALLOWLIST"):
        FetchPolicy(allowlist=frozenset({entry}))


def test_gzip_body_is_decoded_and_capped_after_decoding(server: HTTPTestServer) -> None:
    server.route("/page", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    server.route("/bomb", gzip.compress(b" " * 5_000_000), headers={"Content-Encoding": "gzip"})
    with make_fetcher(server) as fetcher:
        assert fetcher.fetch(server.url("/page")).text == PAGE
        with pytest.raises(FetchError, match="larger than 100000 bytes"):
            fetcher.fetch(server.url("/bomb"))


def test_unrequested_content_encoding_is_refused(server: HTTPTestServer, fetcher: Fetcher) -> None:
    server.route("/br", b"\x1b\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="unsupported content encoding br"):
        fetcher.fetch(server.url("/br"))


def test_slow_drip_body_hits_the_overall_deadline(server: HTTPTestServer) -> None:
    # Every chunk arrives within the read timeout, but the whole body would take 4 s.
    server.route("/drip", stream_chunks=[b"<p>drip</p>"] * 10, chunk_delay=0.4)
    with make_fetcher(server, timeout=0.5) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/drip"))
    assert "timed out after 1.5 s" in str(caught.value)


def test_a_private_address_refusal_names_the_allowlist_but_cloud_metadata_does_not(
    server: HTTPTestServer,
) -> None:
    hint = " (RUMOUR_FETCH_ALLOWLIST can allow a trusted private host: host or host:port)"
    with make_fetcher() as fetcher:
        with pytest.raises(FetchRefusedError) as private:
            fetcher.fetch(server.url("/"))
        with pytest.raises(FetchRefusedError) as metadata:
            fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert private.value.reason == f"refused: 127.0.0.1 is a loopback address{hint}"
    assert "RUMOUR_FETCH_ALLOWLIST" not in metadata.value.reason
    assert server.connections == 0


@pytest.mark.parametrize("entry", ["a:b:c", "host:port", "[::1", "bad host"])
def test_a_bad_allowlist_entry_says_what_an_entry_looks_like(entry: str) -> None:
    with pytest.raises(ConfigError) as caught:
        FetchPolicy(allowlist=frozenset({entry}))
    assert str(caught.value) == (
        f"RUMOUR_FETCH_ALLOWLIST: bad entry {entry!r}; each entry is host or host:port "
        "(e.g. intranet.example.com, 10.0.0.5:8080 or [fd00::5]:8080), comma-separated"
    )
