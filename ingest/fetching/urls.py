"""URL and address checks, and canonical URLs, for the pages and feeds moderators submit."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import (
    SplitResult,
    parse_qsl,
    quote,
    unquote_plus,
    urlencode,
    urlsplit,
    urlunsplit,
)

import idna

from ingest.core.errors import FetchRefusedError

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that only identify a campaign or a click, never the page itself.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid",
        "mc_cid", "mc_eid", "igshid", "igsh", "ref", "ref_src", "ref_url", "referrer",
        "cmpid", "cmp", "ocid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "li_fat_id",
        "wt.mc_id", "s_cid", "icid", "smid", "spm", "guccounter",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
# Query parameters that carry a secret: never kept, shown or fetched with.
CREDENTIAL_PARAMS = frozenset(
    {"api_key", "token", "key", "sig", "signature", "auth", "access_token"}
)

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_HOST_RE = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_BAD_CHARS_RE = re.compile(r"[\x00-\x20\x7f\\]")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")  # NAT64 discovery, DS-Lite, anycast relays
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_LOCALHOST_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _refuse(url: str, reason: str) -> FetchRefusedError:
    return FetchRefusedError(redacted(url), f"refused: {reason}")


def redacted(url: str) -> str:
    """`url` without user:pass@ and without credential parameters: the form to show or keep."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return loggable(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if not is_credential_param(unquote_plus(pair.split("=")[0]))
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _split(url: str) -> SplitResult:
    """Split a stripped URL, refusing what cannot be parsed or carries odd characters."""
    if not url:
        raise _refuse(url, "the URL is empty")
    if _BAD_CHARS_RE.search(url):
        raise _refuse(url, "malformed URL (it contains spaces, backslashes or control characters)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise _refuse(url, f"malformed URL ({exc})") from None
    return parts


class CanonicalUrl(str):
    """A URL that `canonical_url` checked and canonicalised; handing it on costs nothing more."""

    __slots__ = ()


def normalize_host(host: str) -> str:
    """The one host normalisation: lowercased, IDNA-encoded, no trailing dot, canonical IP form.

    IPv6 comes without brackets. ValueError says why a host name is malformed.
    """
    host = host.strip().strip("[]").lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise ValueError(f"malformed host name ({exc})") from None
    if len(host) > 253 or not _HOST_RE.match(host):
        raise ValueError(f"malformed host name {host!r}")
    return host


def _checked(url: str) -> tuple[SplitResult, str]:
    """Split a stripped URL that may be fetched at all; its parts and its normalised host."""
    parts = _split(url)
    scheme = parts.scheme.lower()
    if not scheme or "." in scheme:
        raise _refuse(url, "the URL must start with http:// or https://")
    if scheme not in ALLOWED_SCHEMES:
        raise _refuse(url, f"only http and https URLs can be fetched, not {scheme}:")
    if "@" in parts.netloc:
        raise _refuse(url, "URLs with credentials (user:pass@) are not accepted; leave them out")
    if not parts.hostname:
        raise _refuse(url, "the URL has no host")
    try:
        return parts, normalize_host(parts.hostname)
    except ValueError as exc:
        raise _refuse(url, str(exc)) from None


def validate_url(url: str) -> str:
    """Check that `url` may be fetched at all and return it stripped of whitespace and fragment."""
    url = url.strip()
    parts, _ = _checked(url)
    return urlunsplit(parts._replace(fragment=""))


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only track clicks or campaigns."""
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def is_credential_param(name: str) -> bool:
    """True for query parameters that carry a key, token or signature."""
    return name.lower() in CREDENTIAL_PARAMS


def canonical_url(url: str) -> CanonicalUrl:
    """Check `url` as validate_url does and canonicalise it, in one pass; once per URL.

    Lowercase scheme and host, no default port, fragment, tracking or credential parameters,
    sorted query.
    """
    if isinstance(url, CanonicalUrl):
        return url
    url = url.strip()
    parts, host = _checked(url)
    scheme = parts.scheme.lower()
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{parts.port}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not (is_tracking_param(key) or is_credential_param(key))
    ]
    query.sort(key=lambda item: item[0])  # stable: repeated keys keep their order
    return CanonicalUrl(urlunsplit((scheme, netloc, path, urlencode(query), "")))


def loggable(url: str) -> str:
    """The URL without query string or credentials, which may carry tokens: the form for logs."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2]
        return parts._replace(netloc=netloc, query="", fragment="").geturl()
    except ValueError:
        return "(malformed URL)"


def is_localhost_name(host: str) -> bool:
    """True for (normalised) names that mean this machine whatever DNS says: *.localhost too."""
    return host in _LOCALHOST_NAMES or host.endswith(".localhost")


def address_kind(ip: IPAddress) -> str | None:
    """'a loopback address' and the like when `ip` must not be fetched from, else None."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_kind(embedded)
            return None if inner is None else f"the IPv6 form of {embedded}, {inner}"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip in METADATA_ADDRESSES, "a link-local address (cloud metadata endpoint)"),
        (ip.is_link_local, "a link-local address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip in _CGNAT, "a carrier-grade NAT address"),
        (ip in _IETF_PROTOCOL, "an IETF protocol assignment address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((kind for hit, kind in checks if hit), None)


def blocked_reason(address: str) -> str | None:
    """Why fetching from this IP address is refused ('10.0.0.1 is a private address'), or None."""
    kind = address_kind(ipaddress.ip_address(address))
    return None if kind is None else f"{address} is {kind}"
