"""Tiers that moderators pin on outlets and journalists, in a plain-text file (RUMOUR_OUTLET_TIERS).

One `name = tier` a line, tier 1 (most reliable) to 5; '#' starts a comment. Names may be any
form the outlet lists know ("Sun", "www.thesun.co.uk", "The Sun") or a journalist's name:

    The Athletic = 1
    www.thesun.co.uk = 4
    Fabrizio Romano = 1
"""

from __future__ import annotations

import logging
from pathlib import Path

from ingest.claims.gazetteer import Gazetteer, Kind, words
from ingest.claims.outlets import outlet_named
from ingest.core.errors import ConfigError

log = logging.getLogger(__name__)

TIERS = range(1, 6)


def parse_tiers(text: str, gaz: Gazetteer, origin: str = "the tier file") -> dict[str, int]:
    """Canonical name -> tier, from the text of a tier file; ConfigError names a bad line."""
    tiers: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, value = (part.strip() for part in line.rpartition("="))
        if not sep or not name or not value.isdigit() or int(value) not in TIERS:
            raise ConfigError(
                f"{origin}, line {number}: expected 'outlet or journalist = tier' with a tier "
                f"from 1 to 5, got {raw.strip()!r}"
            )
        tiers[canonical_name(name, gaz)] = int(value)
    return tiers


def canonical_name(name: str, gaz: Gazetteer) -> str:
    """An outlet's or journalist's name as the records use it ("Sun" -> "The Sun")."""
    outlet = outlet_named(name, gaz)
    if outlet:
        return outlet
    entry = gaz.table.get(tuple(w.key for w in words(name)))
    if entry is not None and entry.kind is Kind.JOURNALIST:
        return entry.canonical
    return " ".join(name.split())


def read_tiers(path: Path, gaz: Gazetteer) -> dict[str, int]:
    """The tiers in a file; ConfigError when it cannot be read or a line is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"RUMOUR_OUTLET_TIERS: cannot read {path}: {exc.strerror}") from None
    return parse_tiers(text, gaz, f"RUMOUR_OUTLET_TIERS ({path})")
