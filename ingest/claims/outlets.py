"""Who a claim is credited to: an outlet's canonical name (from a citation or a web host), and
the journalists a sentence names.

"(www.thesun.co.uk)", "(Sun)", "thesun.co.uk" and "https://www.thesun.co.uk/sport/..." all name
The Sun (`outlets.txt` lists each outlet's short names and web domains); a subdomain belongs to
its outlet ("colombia.as.com" is AS) and a Google Translate proxy host to the original host.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from ingest.claims.gazetteer import Gazetteer, Kind, words

log = logging.getLogger(__name__)

_SUFFIX = re.compile(r"\s+[-–—]\s+(?:subscription|in\s+\w+|paywall|external).*$", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
_TRANSLATED = re.compile(r"^(?P<host>[a-z0-9-]+)\.translate\.goog$")


def outlet_named(name: str, gaz: Gazetteer) -> str:
    """The canonical outlet a citation or host names ('www.thesun.co.uk' -> 'The Sun'), or ''."""
    text = _SUFFIX.sub("", name.strip().strip("()").strip())
    host = _host(text)
    for candidate in _host_forms(host) if host else [text]:
        key = tuple(w.key for w in words(candidate))
        for entry in (gaz.table.get(key), gaz.ambiguous.get(key)):
            if entry is not None and entry.kind is Kind.OUTLET:
                return entry.canonical
    return ""


def credited_outlet(quoted: str, says: str, source: str, url: str, gaz: Gazetteer) -> str:
    """Who a claim is credited to: the outlet an item or sentence cites, else its article's."""
    for cited in (quoted, says):
        if cited.strip():
            return outlet_named(cited, gaz) or _bare(cited)
    if source.strip():
        return outlet_named(source, gaz) or source.strip()
    host = _host(url)
    return (outlet_named(host, gaz) or _bare(host)) if host else ""


def journalists_in(text: str, gaz: Gazetteer) -> list[str]:
    """The journalists a sentence names ("Fabrizio Romano reports ..."), each once."""
    found = [m.entry.canonical for m in gaz.find(text) if m.entry.kind is Kind.JOURNALIST]
    return list(dict.fromkeys(found))


def _host(text: str) -> str:
    """The host a URL or a bare domain names, lower case; '' when it is neither."""
    value = text.strip().lower()
    value = (urlsplit(value).hostname or "") if "://" in value else value.split("/", 1)[0]
    translated = _TRANSLATED.match(value)
    if translated:  # "www-marca-com.translate.goog" stands for "www.marca.com"
        value = translated["host"].replace("--", "\x00").replace("-", ".").replace("\x00", "-")
    return value if _HOST.match(value) else ""


def _host_forms(host: str) -> list[str]:
    """A host, then each parent domain: 'colombia.as.com', 'as.com' (never a bare suffix)."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def _bare(cited: str) -> str:
    """A citation nobody listed, as readers know it: 'www.example.com' -> 'example.com'."""
    text = _SUFFIX.sub("", cited.strip().strip("()").strip())
    host = _host(text)
    return host.removeprefix("www.") if host else text
