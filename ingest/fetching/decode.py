"""Turning fetched bytes into text: Content-Type parsing and charset detection for HTML and XML.

Feeds are not decoded here: feedparser reads the raw bytes with their Content-Type itself.
"""

from __future__ import annotations

import codecs
import re

_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252, and so do real pages that declare them.
_CODEC_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    """The lowercased media type and the charset parameter of a Content-Type header."""
    if not header or not header.split(";")[0].strip():
        return None, None
    mime, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.lower(), charset


def _codec(label: str | None, *, in_document: bool = False) -> str | None:
    """The Python codec for a charset label, or None when unknown or not a text encoding."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        b"a".decode(name, errors="ignore")  # LookupError for bytes codecs such as zlib, base64
    except (LookupError, UnicodeError):  # idna and the like refuse the error handler
        return None
    if in_document and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # the declaration was readable as ASCII, so the body is not UTF-16
    return _CODEC_ALIASES.get(name, name)


def _declared(body: bytes, charset: str | None) -> list[str]:
    """Codecs the body declares, best first: the header's charset, then <meta> or <?xml?>."""
    head = body[:2048]
    declared = _XML_DECL_RE.match(head) or _CHARSET_RE.search(head)
    label = declared.group(1).decode("ascii") if declared else None
    codecs_ = (_codec(charset), _codec(label, in_document=True))
    return [name for name in dict.fromkeys(codecs_) if name]


def decode_body(body: bytes, charset: str | None) -> str:
    """Decode by BOM, header charset, <meta> or XML declaration, else UTF-8 or a guess."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_codec, errors="replace")
    for encoding in _declared(body, charset):
        try:
            return body.decode(encoding, errors="replace")
        except (LookupError, UnicodeError):  # a codec that fails even with "replace"
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("cp1252", errors="replace")


def html_source(body: bytes, charset: str | None) -> str | bytes:
    """What the HTML extractor should read: text when a charset is declared, else the raw bytes.

    trafilatura decodes bytes itself (UTF-8, then several detector guesses in turn), but it never
    looks at the Content-Type header or <meta>; so a page that declares its charset is decoded
    here, and one that declares nothing is left to the extractor's own detection.
    """
    declared = any(body.startswith(bom) for bom, _ in _BOMS) or _declared(body, charset)
    return decode_body(body, charset) if declared else body
