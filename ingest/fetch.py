"""Fetching submitted article and feed URLs without becoming a server-side request forgery tool.

Every host is resolved once, every address it resolves to must be public (unless the host is
allowlisted), and the socket then connects to one of exactly those addresses; this runs for
every redirect hop and again inside the connection itself, so DNS rebinding gains nothing.
"""

from __future__ import annotations

import http
import ipaddress
import logging
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin

import httpcore
import httpx

from ingest.decode import decode_body, parse_content_type
from ingest.errors import ConfigError, FetchError, FetchRefusedError
from ingest.settings import Settings
from ingest.urls import (
    address_kind,
    canonicalize_url,
    is_localhost_name,
    loggable,
    normalize_host,
    validate_url,
)

log = logging.getLogger(__name__)

USER_AGENT = "rumour-desk/0.1 (+https://github.com/)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
     "application/xml", "text/xml"}
)  # fmt: skip
_ACCEPT = {
    "html": "text/html,application/xhtml+xml;q=0.9",
    "feed": "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8",
    "any": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,"
    "application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8",
}
_WANTED = {"html": HTML_TYPES, "feed": FEED_TYPES, "any": HTML_TYPES | FEED_TYPES}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ENCODINGS = frozenset({"", "identity", "gzip", "x-gzip", "deflate"})
_TOTAL_TIMEOUT_FACTOR = 3  # a slow-drip body must still finish within this many timeouts

Kind = Literal["html", "feed", "any"]  # "any": a page or a feed, whichever the URL serves


class _Refused(Exception):
    """Raised inside the transport; Fetcher turns it into FetchRefusedError with the URL."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _parse_allowlist(entries: Iterable[str]) -> frozenset[tuple[str, int | None]]:
    """Entries 'host' or 'host:port' ('[v6]:port') as (normalised host, port or None)."""
    parsed = set()
    for entry in entries:
        text = entry.strip().lower()
        host, port = text, ""
        if text.startswith("["):
            host, bracket, rest = text[1:].partition("]")
            port = rest.removeprefix(":") if bracket else "bad"
        elif text.count(":") == 1:
            host, port = text.split(":")
        try:
            parsed.add((normalize_host(host), int(port) if port else None))
        except (FetchRefusedError, ValueError):
            raise ConfigError(f"RUMOUR_FETCH_ALLOWLIST: bad entry {entry!r}") from None
    return frozenset(parsed)


def _resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in resolver order, without duplicates."""
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"could not resolve {host} ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _checked_addresses(
    host: str, port: int, allowlist: frozenset[tuple[str, int | None]]
) -> list[str]:
    """Resolve `host` once; refuse it unless allowlisted or every address is public."""
    name = host.strip("[]").lower().rstrip(".")
    with suppress(ValueError):
        name = str(ipaddress.ip_address(name))  # the form allowlist entries are normalised to
    allowed = (name, port) in allowlist or (name, None) in allowlist
    if not allowed and is_localhost_name(name):
        raise _Refused(f"{name} is a loopback name")
    addresses = _resolve(name, port)
    if not allowed:
        for address in addresses:
            kind = address_kind(ipaddress.ip_address(address))
            if kind is not None and address == name:
                raise _Refused(f"{address} is {kind}")
            if kind is not None:
                raise _Refused(f"{name} resolves to {address}, {kind}")
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that passed the check, never to a name resolved later."""

    def __init__(self, allowlist: frozenset[tuple[str, int | None]]) -> None:
        self._allowlist = allowlist

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve and check `host`, then connect to the first checked address that answers."""
        error: httpcore.ConnectError | None = None
        for address in _checked_addresses(host, port, self._allowlist):
            try:
                # Host header and TLS SNI still come from the URL; only the socket uses the IP.
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool that connects through _GuardedBackend."""

    def __init__(self, allowlist: frozenset[tuple[str, int | None]]) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=4,
            keepalive_expiry=30.0,
            network_backend=_GuardedBackend(allowlist),
        )


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for fetching: timeouts, size cap, redirects, and hosts exempt from the SSRF check."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allowlist: frozenset[str] = frozenset()
    _allowed: frozenset[tuple[str, int | None]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_allowed", _parse_allowlist(self.allowlist))

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        """The policy configured by RUMOUR_FETCH_* settings."""
        return cls(
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            allowlist=frozenset(entry.strip().lower() for entry in settings.fetch_allowlist),
        )


@dataclass(frozen=True)
class FetchResult:
    """A fetched page or feed; status 304 means unchanged since the given ETag/date (text '')."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str
    etag: str | None
    last_modified: str | None


def make_client(policy: FetchPolicy) -> httpx.Client:
    """An httpx client that connects only to checked addresses, with no proxies or cookies."""
    return httpx.Client(
        transport=_GuardedTransport(policy._allowed),
        timeout=httpx.Timeout(policy.timeout),
        follow_redirects=False,
        trust_env=False,
        cookies=httpx.Cookies(),
        headers={"User-Agent": USER_AGENT},
    )


class Fetcher:
    """Fetches HTML pages and feeds under a FetchPolicy, reusing one client."""

    def __init__(self, policy: FetchPolicy, client: httpx.Client | None = None) -> None:
        self.policy = policy
        self._owns_client = client is None
        self._client = client if client is not None else make_client(policy)
        self._total_timeout = policy.timeout * _TOTAL_TIMEOUT_FACTOR

    def close(self) -> None:
        """Close the client if this fetcher made it."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        kinds: Kind = "html",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """Fetch `url` as an HTML page or a feed, following redirects by hand."""
        requested = canonicalize_url(validate_url(url))
        headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT[kinds], "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self._total_timeout
        current, redirects = requested, 0
        if self._owns_client:
            self._client.cookies.clear()  # nothing one fetch picked up may follow the next
        while True:
            if time.monotonic() > deadline:
                raise FetchError(requested, f"timed out after {self._total_timeout:g} s")
            with self._errors(requested, current, redirects):
                target = httpx.URL(current)
                port = target.port or (443 if target.scheme == "https" else 80)
                _checked_addresses(target.raw_host.decode("ascii"), port, self.policy._allowed)
                request = self._client.build_request(
                    "GET", target, headers=headers, timeout=httpx.Timeout(self.policy.timeout)
                )
                response = self._client.send(request, stream=True, follow_redirects=False)
                try:
                    if response.status_code not in _REDIRECTS or "location" not in response.headers:
                        return self._result(requested, response, kinds, headers, deadline)
                    location = response.headers["location"]
                finally:
                    response.close()
            if redirects >= self.policy.max_redirects:
                raise FetchError(
                    requested, f"too many redirects (more than {self.policy.max_redirects})"
                )
            try:
                location = urljoin(current, location)
                current = validate_url(location)
            except ValueError:
                raise FetchRefusedError(
                    requested, f"refused: malformed redirect location {location!r}"
                ) from None
            except FetchRefusedError as exc:
                reason = exc.reason.removeprefix("refused: ")
                raise FetchRefusedError(
                    requested, f"refused: redirect to {location}: {reason}"
                ) from None
            redirects += 1
            log.debug("redirect %d to %s", redirects, loggable(current))

    @contextmanager
    def _errors(self, requested: str, current: str, redirects: int) -> Iterator[None]:
        """Turn network failures and refusals into FetchError with a readable reason."""
        try:
            yield
        except _Refused as exc:
            via = f"redirect to {current}: " if redirects else ""
            raise FetchRefusedError(requested, f"refused: {via}{exc.reason}") from None
        except httpx.TimeoutException:
            raise FetchError(requested, f"timed out after {self.policy.timeout:g} s") from None
        except (httpx.ConnectError, httpcore.ConnectError) as exc:
            raise FetchError(requested, f"could not connect: {exc}") from None
        except httpx.InvalidURL as exc:
            raise FetchRefusedError(requested, f"refused: malformed URL ({exc})") from None
        except httpx.HTTPError as exc:
            raise FetchError(requested, f"network error: {exc}") from None

    def _result(
        self,
        requested: str,
        response: httpx.Response,
        kinds: Kind,
        sent: dict[str, str],
        deadline: float,
    ) -> FetchResult:
        """Check status, type and size of a final response and read its body."""
        status = response.status_code
        final = canonicalize_url(str(response.url))
        mime, charset = parse_content_type(response.headers.get("content-type"))
        etag = response.headers.get("etag") or None
        modified = response.headers.get("last-modified") or None
        if status == 304 and ("If-None-Match" in sent or "If-Modified-Since" in sent):
            etag = etag or sent.get("If-None-Match")
            modified = modified or sent.get("If-Modified-Since")
            return FetchResult(requested, final, 304, mime or "", "", etag, modified)
        if status != 200:
            try:
                phrase = http.HTTPStatus(status).phrase
            except ValueError:
                phrase = ""
            raise FetchError(requested, f"HTTP {status} {phrase}".rstrip())
        if mime is not None and mime not in _WANTED[kinds]:
            raise FetchError(requested, f"unsupported content type {mime} for {_what(kinds)}")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in _ENCODINGS:  # brotli/zstd/stacked codings could decompress to gigabytes
            raise FetchError(requested, f"unsupported content encoding {encoding}")
        body = self._read_body(requested, response, deadline)
        if mime is None:
            mime = sniff_type(body, kinds)
            if mime is None:
                raise FetchError(requested, f"no content type, and the body is not {_what(kinds)}")
        log.info("fetched %s (%d bytes, %s)", loggable(final), len(body), mime)
        text = decode_body(body, charset)
        return FetchResult(requested, final, 200, mime, text, etag, modified)

    def _read_body(self, requested: str, response: httpx.Response, deadline: float) -> bytes:
        """Read the body, stopping as soon as it passes the size cap or the deadline."""
        cap = self.policy.max_bytes
        too_big = FetchError(requested, f"response larger than {cap} bytes")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_big
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise too_big
            if time.monotonic() > deadline:
                raise FetchError(requested, f"timed out after {self._total_timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def sniff_type(body: bytes, kinds: Kind) -> str | None:
    """A media type for a body served without one, if it plainly is HTML or a feed."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if kinds != "feed" and (head.startswith(b"<!doctype html") or b"<html" in head):
        return "text/html"
    if kinds != "html" and head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "application/xml"
    return None


def _what(kinds: Kind) -> str:
    return {"html": "an HTML page", "feed": "an RSS or Atom feed"}.get(
        kinds, "an HTML page or an RSS or Atom feed"
    )
