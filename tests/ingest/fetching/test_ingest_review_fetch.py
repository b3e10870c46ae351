"""Review fixes for fetching and loading: the overall deadline covers headers, the allowlist
only serves requests that started on an allowlisted host, odd charsets and paths, settings.

127.0.0.1 stands in for both the intranet and the public web: `public.test` resolves to a
public address (through getaddrinfo) and that address's sockets are sent to a local server.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpcore
import openai
import pytest

from ingest.core.errors import ConfigError, FetchError, FetchRefusedError
from ingest.core.settings import load_settings
from ingest.fetching.decode import decode_body
from ingest.fetching.fetch import Fetcher, FetchPolicy
from ingest.fetching.urls import blocked_reason, loggable
from ingest.index.embedders import create_embedder
from ingest.index.opening import open_index
from ingest.parsing.loaders import load_file
from ingest.pipeline.ingestor import Ingestor
from ingest.sources.registry import SourceRegistry, looks_like_url
from ingest.sources.service import SourceService
from tests.support.helpers import make_settings
from tests.support.httpserver import HTTPTestServer, article_page, paragraphs, rss_feed

PUBLIC_IP = "93.184.216.34"
PAGE = "<!doctype html><html><body><p>Done deal.</p></body></html>"


@pytest.fixture
def intranet() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        running.route("/hr/salaries", article_page("INTERNAL salaries", paragraphs("SECRET")))
        yield running


@pytest.fixture
def public(monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPTestServer]:
    """A server reached as http://public.test:PORT/, which resolves to a public address."""
    real_resolve = socket.getaddrinfo
    real_connect = httpcore.SyncBackend.connect_tcp

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "public.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_IP, port))]
        return real_resolve(host, port, *args, **kwargs)

    def connect_tcp(self: httpcore.SyncBackend, host: str, *args: Any, **kw: Any) -> Any:
        return real_connect(self, "127.0.0.1" if host == PUBLIC_IP else host, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    with HTTPTestServer() as running:
        yield running


def public_url(server: HTTPTestServer, path: str) -> str:
    return f"http://public.test:{server.port}{path}"


# 4. The overall deadline covers the response headers -----------------------------------------


def test_headers_sent_slowly_hit_the_overall_deadline() -> None:
    drip = {f"X-Drip-{n}": str(n) for n in range(15)}  # one line every 0.4 s: 6 s of headers
    with HTTPTestServer() as server:
        server.route("/drip", PAGE, headers=drip, header_delay=0.4)
        policy = FetchPolicy(timeout=0.5, allowlist=frozenset({server.netloc}))
        with Fetcher(policy) as fetcher, pytest.raises(FetchError) as caught:
            fetcher.fetch(server.url("/drip"))
        sent = server.chunks_sent("/drip")
    assert "timed out after 1.5 s" in str(caught.value)
    assert sent < len(drip)  # the fetch gave up before the server got all its headers out


# 5. The allowlist serves only requests that started on an allowlisted host -------------------


def test_a_public_page_cannot_redirect_onto_an_allowlisted_host(
    intranet: HTTPTestServer, public: HTTPTestServer
) -> None:
    public.redirect("/innocent", intranet.url("/hr/salaries"))
    with Fetcher(FetchPolicy(allowlist=frozenset({intranet.netloc}))) as fetcher:
        with pytest.raises(FetchRefusedError) as caught:
            fetcher.fetch(public_url(public, "/innocent"))
        assert [r.path for r in public.requests] == ["/innocent"]
        assert intranet.requests == []
        reason = str(caught.value)
        assert f"redirect to {intranet.url('/hr/salaries')}: 127.0.0.1 is a loopback" in reason
        # Started on the allowlisted host itself, the same hop is fine.
        intranet.redirect("/old", "/hr/salaries")
        assert fetcher.fetch(intranet.url("/old")).status == 200


def test_a_public_feed_cannot_lead_to_an_allowlisted_host(
    intranet: HTTPTestServer, public: HTTPTestServer, tmp_path: Path, local_embedder
) -> None:
    items = [{"title": "x", "link": intranet.url("/hr/salaries")}]
    public.route("/feed", rss_feed("Public", items), content_type="application/rss+xml")
    settings = make_settings(tmp_path, fetch_allowlist=[intranet.netloc], fetch_timeout=2.0)
    with Fetcher(FetchPolicy.from_settings(settings)) as fetcher:
        index = open_index(settings, embedder=local_embedder)
        service = SourceService(index, fetcher, SourceRegistry.in_dir(settings.data_dir), settings)
        report = service.add(public_url(public, "/feed"))
    [(source, error)] = report.errors
    assert source == intranet.url("/hr/salaries")
    assert error.startswith("refused: 127.0.0.1 is a loopback address")
    assert intranet.requests == [] and index.reader.list_articles() == []


# 3. Charsets whose codec cannot decode are ignored, not fatal ---------------------------------


@pytest.mark.parametrize(
    ("body", "charset"),
    [
        (b"<p>caf\xc3\xa9</p>", "idna"),
        (b'<meta charset="idna"><p>caf\xc3\xa9</p>', None),
        (b'<?xml version="1.0" encoding="idna"?><rss><title>caf\xc3\xa9</title></rss>', None),
    ],
)
def test_a_charset_whose_codec_fails_falls_back_to_utf8(body: bytes, charset: str | None) -> None:
    assert "café" in decode_body(body, charset)


# 11. Query strings and credentials stay out of reasons and logs ------------------------------


@pytest.mark.parametrize(
    "location",
    ["http://10.0.0.1/x?token=SECRET", "http://user:SECRET@10.0.0.1/x?token=SECRET"],
)
def test_refused_redirects_do_not_repeat_tokens(location: str) -> None:
    with HTTPTestServer() as server:
        server.redirect("/hop", location)
        policy = FetchPolicy(allowlist=frozenset({server.netloc}))
        with Fetcher(policy) as fetcher, pytest.raises(FetchRefusedError) as caught:
            fetcher.fetch(server.url("/hop"))
    assert "refused: redirect to http://10.0.0.1/x: " in caught.value.reason
    assert "SECRET" not in caught.value.reason


def test_loggable_drops_query_and_credentials() -> None:
    assert loggable("https://u:pw@example.com/a?token=x#f") == "https://example.com/a"


# 13. A target too long to be a path is still just a bad source --------------------------------


def test_a_target_too_long_for_a_path_is_reported(tmp_path: Path, local_embedder) -> None:
    target = "a" * 5000
    assert looks_like_url(f"https://example.com/{target}")
    assert not looks_like_url(target)
    settings = make_settings(tmp_path)
    with Fetcher(FetchPolicy.from_settings(settings)) as fetcher:
        index = open_index(settings, embedder=local_embedder)
        service = SourceService(index, fetcher, SourceRegistry.in_dir(settings.data_dir), settings)
        report = service.ingest([target])
    assert report.failed == 1 and report.errors[0][1] == "no such file or directory"


# 15. Chunk settings that cannot work are a ConfigError naming them ----------------------------


def test_an_overlap_of_half_the_chunk_is_a_config_error(tmp_path: Path, local_embedder) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_env_file=None, data_dir=tmp_path, chunk_tokens=32, chunk_overlap_tokens=16)
    assert "RUMOUR_CHUNK_OVERLAP_TOKENS (16)" in str(caught.value)
    assert "RUMOUR_CHUNK_TOKENS (32)" in str(caught.value)
    unchecked = make_settings(tmp_path).model_copy(update={"chunk_overlap_tokens": 64})
    with pytest.raises(ConfigError, match="RUMOUR_CHUNK_OVERLAP_TOKENS"):
        Ingestor.for_index(open_index(unchecked, embedder=local_embedder))


def test_the_openai_embedder_uses_the_batch_size_setting(tmp_path: Path, openai_server) -> None:
    settings = make_settings(tmp_path, embedder="openai", embed_batch_size=4)
    client = openai.OpenAI(api_key="k", base_url=openai_server.base_url, max_retries=0)
    embedder = create_embedder(settings, client)
    assert len(embedder.embed([f"text {n}" for n in range(10)])) == 10
    assert len(openai_server.stub.requests) == 3


# 16. Saved HTML files are read in the charset they declare ------------------------------------


def test_an_html_file_is_decoded_with_its_declared_charset(tmp_path: Path) -> None:
    text = "Café talk: Müller joins for £40m, Señor Pérez says the fee is agreed."
    page = article_page("Müller deal", [text, *paragraphs("Müller")], charset="windows-1252")
    path = tmp_path / "saved.html"
    path.write_bytes(page.encode("cp1252"))
    assert text in load_file(path).text


# 18. More address kinds are refused -----------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("fec0::1", "a site-local address"),
        ("192.0.0.8", "an IETF protocol assignment address"),
        ("192.0.0.170", "an IETF protocol assignment address"),
    ],
)
def test_site_local_and_protocol_assignment_addresses_are_refused(address: str, kind: str) -> None:
    assert blocked_reason(address) == f"{address} is {kind}"
