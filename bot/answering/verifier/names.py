"""The names a text uses: people, clubs and nations, outlets and journalists, with their spans.

Names are read with the claim reader's gazetteer and name finder, so accents and case fold and a
club's aliases resolve to its canonical name. Short outlet names that are also common words
("Times", "Sky", "Athletic") count only where they cite: "according to the Times", "(Times)",
"Times report".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.claims.gazetteer import CLUB_KINDS, Gazetteer, Kind, Match, Word, words
from ingest.claims.people import person_mentions
from ingest.core.text.folding import fold

log = logging.getLogger(__name__)

_CITING_BEFORE = re.compile(r"(?:according\s+to|\(|told|via)\s*(?:the\s+)?$", re.IGNORECASE)
_CITING_AFTER = re.compile(
    r"^\s*(?:\)|(?:'s\s+\S+\s+)?(?:have\s+|has\s+)?(?:reports?|reported|says?|said|claims?|claimed|"
    r"understands?|adds?|added|writes?|wrote|reveals?|revealed|suggests?|suggested|states?|"
    r"stated|notes?|noted|learned|learnt|insists?|believes?)\b)",
    re.IGNORECASE,
)
_NAME_KINDS = (*CLUB_KINDS, Kind.NATION)
_OUTLET_KINDS = (Kind.OUTLET, Kind.JOURNALIST)


@dataclass(frozen=True)
class Mention:
    """A person a text names: the name's folded words, and whether it opens its sentence."""

    key: tuple[str, ...]
    text: str
    initial: bool = False


@dataclass(frozen=True)
class Names:
    """Everything a text names, and the character spans the names take."""

    people: tuple[Mention, ...] = ()
    clubs: frozenset[str] = frozenset()  # canonical clubs and nations
    outlets: frozenset[str] = frozenset()  # canonical outlets and journalists
    spans: tuple[tuple[int, int], ...] = ()
    outlet_ends: tuple[int, ...] = ()  # where each outlet's name ends ("Kicker| claim")
    club_starts: tuple[tuple[int, str], ...] = ()  # where each club or nation is named


def find_names(
    text: str, gaz: Gazetteer, *, known_clubs: Iterable[str] = (), sentence: bool = False
) -> Names:
    """The names in `text`; `known_clubs` lets short forms ("City") stand for clubs named there.

    With `sentence`, the text is one sentence and a capitalised first word is marked `initial`:
    it may be an ordinary word rather than a name.
    """
    tokens = words(text)
    clubs_named = {m.entry.canonical for m in gaz.find_in(tokens) if m.entry.kind in CLUB_KINDS}
    loose = clubs_named | set(known_clubs)
    known = gaz.find_in(tokens, resolve_loose=loose)
    citing = _citing_outlets(text, tokens, gaz, known)
    found = person_mentions(text, tokens, [*known, *citing], gaz.loose_keys)
    people = []
    for person in found:
        key = tuple(w.key for w in words(person.name))
        people.append(Mention(key, person.name, sentence and person.first == 0 and len(key) == 1))
    spans = [(m.start, m.end) for m in (*known, *citing)] + [(p.start, p.end) for p in found]
    outlets = [m for m in (*known, *citing) if m.entry.kind in _OUTLET_KINDS]
    return Names(
        people=tuple(people),
        clubs=frozenset(m.entry.canonical for m in known if m.entry.kind in _NAME_KINDS),
        outlets=frozenset(m.entry.canonical for m in outlets),
        spans=tuple(sorted(spans)),
        outlet_ends=tuple(m.end for m in outlets),
        club_starts=tuple(
            (m.start, m.entry.canonical) for m in known if m.entry.kind in _NAME_KINDS
        ),
    )


def _citing_outlets(
    text: str, tokens: list[Word], gaz: Gazetteer, known: list[Match]
) -> list[Match]:
    """Short outlet names from the ambiguous list, where the text cites them."""
    taken = {i for m in known for i in range(m.first, m.last + 1)}
    found = []
    for match in gaz.find_in(tokens, with_ambiguous=True):
        if match.entry.kind not in _OUTLET_KINDS or taken & set(range(match.first, match.last + 1)):
            continue
        before, after = text[max(0, match.start - 20) : match.start], text[match.end :]
        if _CITING_BEFORE.search(before) or _CITING_AFTER.match(after):
            found.append(match)
    return found


def outlet_of(label: str, gaz: Gazetteer) -> frozenset[str]:
    """The canonical outlets a passage's outlet label names ("Kicker (sample rewrite)")."""
    found = {m.entry.canonical for m in gaz.find(label) if m.entry.kind in _OUTLET_KINDS}
    found |= {
        m.entry.canonical
        for m in gaz.find(label, with_ambiguous=True)
        if m.entry.kind in _OUTLET_KINDS and not found
    }
    return frozenset(found)


def person_key(name: str, gaz: Gazetteer) -> tuple[str, ...]:
    """A name's folded words; a fan's nickname becomes the full name ("stevie g")."""
    key = fold(" ".join(name.split()))
    full = gaz.people.get(key)
    return tuple(w.key for w in words(full or name))


def same_person(said: tuple[str, ...], known: Iterable[tuple[str, ...]]) -> bool:
    """Whether a name is one of `known`: the same, a part of one ("Kroos"), or one with a first
    name added ("Toni Kroos" for "Kroos") that no other known name contradicts."""
    if not said:
        return True
    names = [k for k in known if k]
    if any(_inside(said, k) for k in names):
        return True
    shorter = [k for k in names if _inside(k, said) and k[-1] == said[-1]]
    if not shorter:
        return False
    rivals = [k for k in names if k[-1] == said[-1] and len(k) > 1 and not _inside(k, said)]
    return not rivals


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def full_name(names: Names, known: Iterable[str], gaz: Gazetteer) -> str:
    """The first person `names` holds, written as fully as `known` writes them; '' if nobody."""
    for mention in names.people:
        key = person_key(mention.text, gaz)
        for name in known:
            if same_person(key, [person_key(name, gaz)]):
                return name
        if not mention.initial:
            return mention.text
    return ""
