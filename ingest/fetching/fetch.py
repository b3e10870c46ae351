"""Fetching submitted article and feed URLs without becoming a server-side request forgery tool.

Every redirect hop is resolved and checked once before it is requested, and its connection goes
only to the addresses that passed (ingest.fetching.connect), so DNS rebinding gains nothing. The
allowlist exempts a hop from the address check only when the URL first requested (and, for a
feed's entry, the feed) is allowlisted too: a public page or feed cannot lead the fetcher onto
an allowlisted intranet host.
"""

from __future__ import annotations

import http
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin

import httpcore
import httpx

from ingest.core.errors import FetchError, FetchRefusedError
from ingest.core.settings import Settings
from ingest.fetching.connect import (
    Allowlist,
    GuardedTransport,
    Refused,
    check_hop,
    deadline_passed,
    default_port,
    fetch_scope,
    parse_allowlist,
    url_is_allowlisted,
)
from ingest.fetching.decode import decode_body, parse_content_type
from ingest.fetching.urls import canonical_url, loggable, validate_url

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
_TOTAL_TIMEOUT_FACTOR = 3  # headers and a slow-drip body must all finish within this many timeouts

Kind = Literal["html", "feed", "any"]  # "any": a page or a feed, whichever the URL serves
_ALLOWLIST_HINT = " (RUMOUR_FETCH_ALLOWLIST can allow a trusted private host: host or host:port)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for fetching: timeouts, size cap, redirects, and hosts exempt from the SSRF check."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allowlist: frozenset[str] = frozenset()  # entries as configured: "host" or "host:port"
    allowed: Allowlist = field(init=False, repr=False, compare=False)  # parsed and normalised

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed", parse_allowlist(self.allowlist))

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        """The policy configured by RUMOUR_FETCH_* settings."""
        return cls(
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            allowlist=frozenset(settings.fetch_allowlist),
        )


@dataclass(frozen=True)
class FetchResult:
    """A fetched page or feed; status 304 means unchanged since the given ETag/date (body b'')."""

    url: str
    final_url: str
    status: int
    content_type: str  # the media type, lowercased
    body: bytes  # as received, after any Content-Encoding
    charset: str | None  # the Content-Type header's charset, if any
    etag: str | None
    last_modified: str | None

    @cached_property
    def text(self) -> str:
        """The body decoded by its BOM, declared charset, or a guess."""
        return decode_body(self.body, self.charset)


def make_client(policy: FetchPolicy) -> httpx.Client:
    """An httpx client that connects only to checked addresses, with no proxies or cookies."""
    return httpx.Client(
        transport=GuardedTransport(policy.allowed),
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
        via: str | None = None,
    ) -> FetchResult:
        """Fetch `url` as an HTML page or a feed, following redirects by hand.

        `via` is the feed that linked to `url`: the allowlist applies only when it, and `url`
        itself, are allowlisted hosts.
        """
        requested = canonical_url(url)
        headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT[kinds], "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        trusted = url_is_allowlisted(requested, self.policy.allowed) and (
            via is None or url_is_allowlisted(via, self.policy.allowed)
        )
        allowlist: Allowlist = self.policy.allowed if trusted else frozenset()
        deadline = time.monotonic() + self._total_timeout
        if self._owns_client:
            self._client.cookies.clear()  # nothing one fetch picked up may follow the next
        with fetch_scope(deadline, allowlist):
            return self._follow(requested, kinds, headers)

    def _follow(self, requested: str, kinds: Kind, headers: dict[str, str]) -> FetchResult:
        """Request `requested` and each redirect hop in turn, checking every hop first."""
        current, redirects = requested, 0
        while True:
            if deadline_passed():
                raise FetchError(requested, f"timed out after {self._total_timeout:g} s")
            with self._errors(requested, current, redirects):
                target = httpx.URL(current)
                port = target.port or default_port(target)
                check_hop(target.raw_host.decode("ascii"), port)  # once per hop, pinned
                request = self._client.build_request(
                    "GET", target, headers=headers, timeout=httpx.Timeout(self.policy.timeout)
                )
                response = self._client.send(request, stream=True, follow_redirects=False)
                try:
                    if response.status_code not in _REDIRECTS or "location" not in response.headers:
                        return self._result(requested, response, kinds, headers)
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
                    requested, f"refused: malformed redirect location {loggable(location)!r}"
                ) from None
            except FetchRefusedError as exc:
                reason = exc.reason.removeprefix("refused: ")
                raise FetchRefusedError(
                    requested, f"refused: redirect to {loggable(location)}: {reason}"
                ) from None
            redirects += 1
            log.debug("redirect %d to %s", redirects, loggable(current))

    @contextmanager
    def _errors(self, requested: str, current: str, redirects: int) -> Iterator[None]:
        """Turn network failures and refusals into FetchError with a readable reason."""
        try:
            yield
        except Refused as exc:
            if redirects:  # the allowlist never admits a redirect from elsewhere
                reason = f"redirect to {loggable(current)}: {exc.reason}"
            else:
                reason = exc.reason + (_ALLOWLIST_HINT if exc.private else "")
            raise FetchRefusedError(requested, f"refused: {reason}") from None
        except httpx.TimeoutException:
            limit = self._total_timeout if deadline_passed() else self.policy.timeout
            raise FetchError(requested, f"timed out after {limit:g} s") from None
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
    ) -> FetchResult:
        """Check status, type and size of a final response and read its body."""
        status = response.status_code
        final = canonical_url(str(response.url))
        mime, charset = parse_content_type(response.headers.get("content-type"))
        etag = response.headers.get("etag") or None
        modified = response.headers.get("last-modified") or None
        if status == 304 and ("If-None-Match" in sent or "If-Modified-Since" in sent):
            etag = etag or sent.get("If-None-Match")
            modified = modified or sent.get("If-Modified-Since")
            return FetchResult(requested, final, 304, mime or "", b"", charset, etag, modified)
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
        body = self._read_body(requested, response)
        if mime is None:
            mime = sniff_type(body, kinds)
            if mime is None:
                raise FetchError(requested, f"no content type, and the body is not {_what(kinds)}")
        log.info("fetched %s (%d bytes, %s)", loggable(final), len(body), mime)
        return FetchResult(requested, final, 200, mime, body, charset, etag, modified)

    def _read_body(self, requested: str, response: httpx.Response) -> bytes:
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
            if deadline_passed():
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
