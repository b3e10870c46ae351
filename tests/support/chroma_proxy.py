"""A real HTTP proxy on 127.0.0.1 in front of a `chroma run` server, that can hold one request.

    with ChromaProxy(host, port) as proxy:
        proxy.hold_first(lambda path, body: path.endswith("/upsert") and b'"text_hash"' in body)
        ... point a client at proxy.port; proxy.held.wait() ...
        proxy.release()             # or proxy.drop(): the held request never reaches the server

Every request goes to the server unchanged. The first request matching the hold is kept back
(not yet sent) until `release()` or `drop()`, so a test can stop a writer at an exact point
between two of its writes and act in that moment, or kill it there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import httpx

Match = Callable[[str, bytes], bool]
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class _Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not self.server.owner._maybe_hold(self.path, body):
            self.close_connection = True  # dropped: no answer, the client is gone
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = self.server.owner.client.request(
            self.command, self.path, headers=headers, content=body
        )
        self.send_response(upstream.status_code)
        for name, value in upstream.headers.items():
            if name.lower() not in _HOP_BY_HOP and name.lower() != "content-encoding":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(upstream.content)))
        self.end_headers()
        self.wfile.write(upstream.content)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: ChromaProxy


class ChromaProxy:
    """Forwards to a Chroma server; `hold_first` keeps one matching request back until released."""

    def __init__(self, host: str, port: int) -> None:
        self.client = httpx.Client(base_url=f"http://{host}:{port}", timeout=60)
        self.held = threading.Event()  # set once the matching request is being held
        self._release = threading.Event()
        self._dropped = False
        self._match: Match | None = None
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Forward)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def hold_first(self, match: Match) -> None:
        """Keep back the first request whose path and body `match` until `release()`."""
        self._match = match

    def release(self) -> None:
        """Send the held request on (and every later one as it comes)."""
        self._match = None
        self._release.set()

    def drop(self) -> None:
        """Never send the held request (its client was killed while it was held)."""
        self._dropped = True
        self.release()

    def _maybe_hold(self, path: str, body: bytes) -> bool:
        """Whether to forward this request, after holding it if it is the one to hold."""
        with self._lock:
            hold = self._match is not None and not self.held.is_set() and self._match(path, body)
            if hold:
                self.held.set()
        if not hold:
            return True
        self._release.wait(timeout=300)
        return not self._dropped

    def __enter__(self) -> ChromaProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self.client.close()
