"""A tiny real HTTP server on 127.0.0.1 for tests, with per-test routes and a request log.

    with HTTPTestServer() as server:
        server.route("/a", body="<html>…</html>", headers={"ETag": '"v1"'})
        server.redirect("/old", "/a")
        server.route("/slow", body="late", delay=2.0)
        server.route("/big", stream_chunks=[b"x" * 1024] * 100, chunk_delay=0.01)
        server.route("/drip", headers={"X-A": "1", "X-B": "2"}, header_delay=0.4)
        server.url("/a")            # http://127.0.0.1:PORT/a
        server.requests_to("/a")    # what the server received, headers lowercased

or take the `http_server` fixture (register this module with `pytest_plugins` or import it).
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import pytest

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]  # names lowercased
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """A request header by case-insensitive name."""
        return self.headers.get(name.lower())


@dataclass
class Response:
    """What a route answers: status, headers, body (whole or as chunks), and delays."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = HTML
    delay: float = 0.0  # before the status line
    stream_chunks: Sequence[bytes] | None = None  # sent with chunked encoding, no Content-Length
    chunk_delay: float = 0.0  # before each chunk
    header_delay: float = 0.0  # before each header line (each is sent on its own)


Handler = Callable[[RecordedRequest], Response]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )
        owner = self.server.owner
        owner._record(request)
        self._respond(owner._response_for(request))

    def _respond(self, response: Response) -> None:
        if response.delay:
            time.sleep(response.delay)
        self.send_response(response.status)
        names = {name.lower() for name in response.headers}
        if response.content_type is not None and "content-type" not in names:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            if response.header_delay:
                self.flush_headers()
                self.server.owner._count_chunk(self.path)  # a line that got out
                time.sleep(response.header_delay)
            self.send_header(name, value)
        no_body = self.command == "HEAD" or response.status in (204, 304)
        if response.stream_chunks is not None and not no_body:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in response.stream_chunks:
                if response.chunk_delay:
                    time.sleep(response.chunk_delay)
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                    self.server.owner._count_chunk(self.path)
            self.wfile.write(b"0\r\n\r\n")
            return
        if "content-length" not in names and response.status not in (204, 304):
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if not no_body:
            self.wfile.write(response.body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping must not hold up the test's teardown

    def __init__(self, owner: HTTPTestServer, host: str) -> None:
        self.owner = owner
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, 0), _RequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN, i.e. do reverse DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        self.owner._count_connection()
        super().process_request(request, client_address)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (timeouts, size caps) are expected in tests


class HTTPTestServer:
    """A real HTTP/1.1 server in a background thread; a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._routes: dict[str, Handler] = {}
        self._requests: list[RecordedRequest] = []
        self._connections = 0
        self._chunks_sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> HTTPTestServer:
        """Start serving on a free port."""
        self._server = _Server(self, self._host)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> HTTPTestServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._server is None:
            raise RuntimeError("the server is not running")
        return int(self._server.server_address[1])

    @property
    def netloc(self) -> str:
        """'127.0.0.1:PORT' ('[::1]:PORT' for IPv6), the form an allowlist entry takes."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server."""
        return f"http://{self.netloc}{path}"

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str | None = HTML,
        delay: float = 0.0,
        stream_chunks: Sequence[bytes] | None = None,
        chunk_delay: float = 0.0,
        header_delay: float = 0.0,
        handler: Handler | None = None,
    ) -> None:
        """Answer requests for `path` (matched with its query first, then without) as given,
        or by calling `handler` with the request."""
        if handler is None:
            response = Response(
                body=body.encode("utf-8") if isinstance(body, str) else body,
                status=status,
                headers=dict(headers or {}),
                content_type=content_type,
                delay=delay,
                stream_chunks=stream_chunks,
                chunk_delay=chunk_delay,
                header_delay=header_delay,
            )

            def fixed(_: RecordedRequest) -> Response:
                return response

            handler = fixed
        with self._lock:
            self._routes[path] = handler

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """Redirect `path` to `location` (relative or absolute)."""
        self.route(path, status=status, headers={"Location": location}, content_type=None)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def connections(self) -> int:
        """How many TCP connections the server has accepted."""
        with self._lock:
            return self._connections

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The requests received for `path` (query string ignored unless `path` has one)."""
        return [r for r in self.requests if r.path == path or urlsplit(r.path).path == path]

    def chunks_sent(self, path: str) -> int:
        """How many chunks of a streamed response to `path` (exact, with query) got out, or
        for a route with `header_delay`, how many header lines (the status line included)."""
        with self._lock:
            return self._chunks_sent.get(path, 0)

    def clear(self) -> None:
        """Forget the recorded requests, connections and chunk counts (routes stay)."""
        with self._lock:
            self._requests.clear()
            self._connections = 0
            self._chunks_sent.clear()

    def _count_connection(self) -> None:
        with self._lock:
            self._connections += 1

    def _count_chunk(self, path: str) -> None:
        with self._lock:
            self._chunks_sent[path] = self._chunks_sent.get(path, 0) + 1

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _response_for(self, request: RecordedRequest) -> Response:
        with self._lock:
            handler = self._routes.get(request.path) or self._routes.get(
                urlsplit(request.path).path
            )
        if handler is None:
            return Response(body=b"not found", status=404, content_type="text/plain")
        return handler(request)


@pytest.fixture
def http_server() -> Iterator[HTTPTestServer]:
    """A running HTTPTestServer, stopped after the test."""
    with HTTPTestServer() as server:
        yield server


# Realistic content for ingest tests ------------------------------------------------------------

# Words that appear only in navigation, cookie banners, sidebars and footers: none may be stored.
BOILERPLATE_MARKERS = ("NAVMENU", "COOKIECONSENT", "SIDEBARLINK", "FOOTERNOTE", "NEWSLETTERBOX")


def article_page(
    title: str,
    paragraphs: Sequence[str],
    *,
    outlet: str = "The Daily Ball",
    author: str = "Sam Reporter",
    published: str = "2024-10-01T09:30:00Z",
    charset: str = "utf-8",
) -> str:
    """A news page: the article inside navigation, a cookie banner, a sidebar and a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="{charset}"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta name="author" content="{author}">
<meta property="article:published_time" content="{published}"></head>
<body>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/football">Football
</a></li><li><a href="/transfers">Transfers NAVMENU</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to give you the best experience.
COOKIECONSENT Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>
{body}
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">SIDEBARLINK story</a></li></ul>
<div class="newsletter">Sign up to our newsletter NEWSLETTERBOX</div></aside>
<footer><p>FOOTERNOTE © 2024 {outlet}. All rights reserved. Privacy. Terms.</p></footer>
</body></html>"""


def boilerplate_page() -> str:
    """A page with navigation, a cookie banner and a footer, and no article at all."""
    return article_page("Home", [])


def rss_feed(title: str, items: Sequence[Mapping[str, str]], *, encoding: str = "utf-8") -> str:
    """RSS 2.0; each item may have title, link, description, content, pubDate, guid, author."""
    parts = []
    for item in items:
        fields = [f"<title>{item['title']}</title>"] if "title" in item else []
        for name in ("link", "guid", "pubDate", "author"):
            if name in item:
                fields.append(f"<{name}>{item[name]}</{name}>")
        if "description" in item:
            fields.append(f"<description><![CDATA[{item['description']}]]></description>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://feeds.example/</link>"
        f"<description>Rumours</description>{''.join(parts)}</channel></rss>"
    )


def atom_feed(title: str, entries: Sequence[Mapping[str, str]]) -> str:
    """Atom 1.0; each entry may have title, href, id, updated, summary, content, author."""
    parts = []
    for entry in entries:
        fields = [f"<title>{entry.get('title', '')}</title>"]
        if "href" in entry:
            fields.append(f'<link rel="alternate" href="{entry["href"]}"/>')
        fields.append(f"<id>{entry.get('id', 'tag:feeds.example,2024:' + entry['title'])}</id>")
        fields.append(f"<updated>{entry.get('updated', '2024-10-02T08:00:00Z')}</updated>")
        if "author" in entry:
            fields.append(f"<author><name>{entry['author']}</name></author>")
        if "summary" in entry:
            fields.append(f'<summary type="html"><![CDATA[{entry["summary"]}]]></summary>')
        if "content" in entry:
            fields.append(f'<content type="html"><![CDATA[{entry["content"]}]]></content>')
        parts.append("<entry>" + "".join(fields) + "</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>tag:feeds.example,2024:feed</id>"
        f"<updated>2024-10-02T08:00:00Z</updated>{''.join(parts)}</feed>"
    )


def paragraphs(topic: str, count: int = 4) -> list[str]:
    """`count` distinct, article-like paragraphs about `topic` (each well over 200 characters)."""
    return [
        f"{topic} paragraph {n}: the club are understood to have opened talks over a move, with "
        f"sources close to the negotiations saying a fee of around £{20 + n}m could be agreed "
        f"before the window closes. The player's representatives met officials on day {n} and "
        f"further discussions about personal terms are expected later this week."
        for n in range(1, count + 1)
    ]
