"""Connections for fetching: only to checked addresses, and never past one fetch's deadline.

A fetch runs in a `fetch_scope` that carries its overall deadline and the allowlist in force for
it. Before each hop the fetcher calls `check_hop`: the host is resolved once, every address it
resolves to must be public (unless the host is allowlisted), and those addresses are pinned for
the hop, so the socket connects to one of exactly them and DNS rebinding gets nothing. Every
socket read, write and TLS handshake is cut short at the deadline, response headers included.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from ssl import SSLContext
from typing import Any

import httpcore
import httpx

from ingest.core.errors import ConfigError
from ingest.fetching.urls import (
    METADATA_ADDRESSES,
    address_kind,
    is_localhost_name,
    normalize_host,
)

Allowlist = frozenset[tuple[str, int | None]]


class Refused(Exception):
    """A host or address that must not be fetched from; Fetcher adds the URL (FetchRefusedError).

    `private` marks a host refused only for its address: RUMOUR_FETCH_ALLOWLIST can permit it.
    """

    def __init__(self, reason: str, *, private: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.private = private


def parse_allowlist(entries: Iterable[str]) -> Allowlist:
    """Entries 'host' or 'host:port' ('[v6]:port') as (normalised host, port or None).

    The one place RUMOUR_FETCH_ALLOWLIST entries are normalised.
    """
    parsed = set()
    for entry in entries:
        text = entry.strip()
        host, port = text, ""
        if text.startswith("["):
            host, bracket, rest = text[1:].partition("]")
            port = rest.removeprefix(":") if bracket else "bad"
        elif text.count(":") == 1:
            host, port = text.split(":")
        try:
            parsed.add((normalize_host(host), int(port) if port else None))
        except ValueError:
            raise ConfigError(
                f"RUMOUR_FETCH_ALLOWLIST: bad entry {entry!r}; each entry is host or host:port "
                "(e.g. intranet.example.com, 10.0.0.5:8080 or [fd00::5]:8080), comma-separated"
            ) from None
    return frozenset(parsed)


def _host_name(host: str) -> str:
    """A host from a URL being fetched, normalised; Refused when it is malformed."""
    try:
        return normalize_host(host)
    except ValueError as exc:
        raise Refused(str(exc)) from None


def is_allowlisted(host: str, port: int, allowlist: Allowlist) -> bool:
    """Whether `host:port` is exempt from the address check."""
    name = _host_name(host)
    return (name, port) in allowlist or (name, None) in allowlist


def url_is_allowlisted(url: str, allowlist: Allowlist) -> bool:
    """Whether the host of `url` is allowlisted; False for a URL that cannot be parsed."""
    try:
        target = httpx.URL(url)
        host = target.raw_host.decode("ascii")
        return bool(host) and is_allowlisted(host, target.port or default_port(target), allowlist)
    except (httpx.InvalidURL, UnicodeDecodeError, Refused):
        return False


def default_port(url: httpx.URL) -> int:
    """The port a URL without one connects to."""
    return 443 if url.scheme == "https" else 80


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


def checked_addresses(host: str, port: int, allowlist: Allowlist) -> list[str]:
    """Resolve `host` once; refuse it unless allowlisted or every address is public."""
    name = _host_name(host)
    allowed = is_allowlisted(name, port, allowlist)
    if not allowed and is_localhost_name(name):
        raise Refused(f"{name} is a loopback name", private=True)
    addresses = _resolve(name, port)
    if not allowed:
        for address in addresses:
            ip = ipaddress.ip_address(address)
            kind = address_kind(ip)
            private = ip not in METADATA_ADDRESSES  # never a hint to allow cloud metadata
            if kind is not None and address == name:
                raise Refused(f"{address} is {kind}", private=private)
            if kind is not None:
                raise Refused(f"{name} resolves to {address}, {kind}", private=private)
    return addresses


@dataclass(frozen=True)
class _Scope:
    deadline: float  # time.monotonic() after which nothing more is read or written
    allowlist: Allowlist  # the allowlist in force for this fetch (empty when not trusted)
    pinned: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # checked this hop


_SCOPE: ContextVar[_Scope | None] = ContextVar("rumour_fetch_scope", default=None)


@contextmanager
def fetch_scope(deadline: float, allowlist: Allowlist) -> Iterator[None]:
    """Run one fetch: its connections use `allowlist` and stop at `deadline`."""
    token = _SCOPE.set(_Scope(deadline, allowlist))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def check_hop(host: str, port: int) -> list[str]:
    """Check a hop of the current fetch before it is requested: resolve once, check, pin.

    A new connection for the hop then goes to these addresses without asking DNS again.
    """
    scope = _SCOPE.get()
    if scope is None:
        raise RuntimeError("check_hop runs inside fetch_scope")
    addresses = checked_addresses(host, port, scope.allowlist)
    scope.pinned.clear()  # only the current hop's host may connect
    scope.pinned[(_host_name(host), port)] = addresses
    return addresses


def deadline_passed() -> bool:
    """Whether the current fetch has run out of time."""
    scope = _SCOPE.get()
    return scope is not None and time.monotonic() >= scope.deadline


def _bounded(timeout: float | None, timed_out: type[Exception]) -> float | None:
    """`timeout`, shortened to what is left of the current fetch's deadline."""
    scope = _SCOPE.get()
    if scope is None:
        return timeout
    left = scope.deadline - time.monotonic()
    if left <= 0:
        raise timed_out("the fetch ran out of time")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read and write ends by the current fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, waiting no longer than the timeout or the deadline."""
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, waiting no longer than the timeout or the deadline."""
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the socket."""
        self._inner.close()

    def start_tls(
        self,
        ssl_context: SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        """The TLS handshake, within the deadline; the TLS stream keeps to it too."""
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        """What the wrapped stream says (the pool asks whether it is still readable)."""
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that passed the check, never to a name resolved later."""

    def __init__(self, allowlist: Allowlist) -> None:
        self._allowlist = allowlist

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect to the first of the hop's checked addresses that answers (checking if none)."""
        scope = _SCOPE.get()
        pinned = scope.pinned.get((_host_name(host), port)) if scope is not None else None
        if pinned is None:  # a connection outside a checked hop: check it here
            allowlist = scope.allowlist if scope is not None else self._allowlist
            pinned = checked_addresses(host, port, allowlist)
        error: httpcore.ConnectError | None = None
        for address in pinned:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            try:
                # Host header and TLS SNI still come from the URL; only the socket uses the IP.
                stream = super().connect_tcp(address, port, bounded, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
            else:
                return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool that connects through _GuardedBackend."""

    def __init__(self, allowlist: Allowlist) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=4,
            keepalive_expiry=30.0,
            network_backend=_GuardedBackend(allowlist),
        )
