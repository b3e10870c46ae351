"""Names the claim reader knows: clubs, nations, outlets, roles, and words that name no one.

The lists are plain-text data files (`ingest/data/gazetteer/`), one `canonical = alias, alias`
entry a line. Matching folds case and accents and takes the longest phrase at each position.
Aliases under `[ambiguous]` ("City", "United", "Real") are short forms that only a fan's question,
or an article that also names the club in full, may use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from ingest.core.text.folding import fold

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*|&|£", re.UNICODE)
MAX_PHRASE_WORDS = 6


@dataclass(frozen=True)
class Word:
    """One word of a text: its span and folded form."""

    text: str
    start: int
    end: int
    key: str

    @property
    def capitalised(self) -> bool:
        """Whether the word starts with a capital letter."""
        return self.text[:1].isupper()


@lru_cache(maxsize=100_000)
def _fold_word(token: str) -> str:
    return fold(token)  # the same words recur in every article: fold each once


def words(text: str) -> list[Word]:
    """The words of a text with their spans; a possessive 's is a word of its own."""
    found: list[Word] = []
    for match in _WORD.finditer(text):
        token, start = match.group(), match.start()
        key = _fold_word(token)
        if key.endswith("'s") and len(key) > 2:
            found.append(Word(token[:-2], start, match.end() - 2, key[:-2]))
            found.append(Word(token[-2:], match.end() - 2, match.end(), "'s"))
            continue
        if key.endswith("'") and len(key) > 1:  # "Jones'" possessive
            token, key = token[:-1], key[:-1]
        found.append(Word(token, start, start + len(token), key))
    return found


class Kind(StrEnum):
    """What a known name is."""

    CLUB = "club"
    STADIUM = "stadium"  # stands for its club
    NATION = "nation"
    OUTLET = "outlet"
    JOURNALIST = "journalist"
    ROLE = "role"
    NOT_PERSON = "not_person"


CLUB_KINDS = (Kind.CLUB, Kind.STADIUM)


@dataclass(frozen=True)
class Entry:
    """A known name: its canonical form and kind."""

    canonical: str
    kind: Kind


@dataclass(frozen=True)
class Match:
    """A known name found in a text: character span and word span."""

    entry: Entry
    start: int
    end: int
    first: int
    last: int


@dataclass
class Gazetteer:
    """Phrase tables keyed by folded word tuples, looked up longest-first."""

    table: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    ambiguous: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # folded nickname -> full name
    # The longest phrase that starts with each first word: most words start none, and are
    # passed over with one lookup instead of one per phrase length.
    longest: dict[str, int] = field(default_factory=dict)

    @property
    def loose_keys(self) -> frozenset[tuple[str, ...]]:
        """Short forms that name something only loosely: never a person."""
        return frozenset(self.ambiguous)

    def add(self, phrase: str, entry: Entry, *, ambiguous: bool = False) -> None:
        """Register a phrase (any case or accents) for an entry; the first registration wins."""
        key = tuple(w.key for w in words(phrase))
        if key:
            (self.ambiguous if ambiguous else self.table).setdefault(key, entry)
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def find(self, text: str, *, with_ambiguous: bool = False) -> list[Match]:
        """Known names in `text`, longest first, never overlapping."""
        return self.find_in(words(text), with_ambiguous=with_ambiguous)

    def find_in(
        self,
        tokens: list[Word],
        *,
        with_ambiguous: bool = False,
        resolve_loose: frozenset[str] | set[str] = frozenset(),
    ) -> list[Match]:
        """Known names among split words.

        `resolve_loose` lets a capitalised short form stand for a club that the same text also
        names in full ("Real" in an article that says "Real Madrid").
        """
        found: list[Match] = []
        keys = [w.key for w in tokens]
        i = 0
        while i < len(tokens):
            hit = None
            longest = min(self.longest.get(keys[i], 0), MAX_PHRASE_WORDS)
            for n in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(keys[i : i + n])
                entry = self._entry(key, with_ambiguous, resolve_loose, tokens[i].capitalised)
                if entry is not None:
                    hit = Match(entry, tokens[i].start, tokens[i + n - 1].end, i, i + n - 1)
                    break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            i = hit.last + 1
        return found

    def _entry(
        self,
        key: tuple[str, ...],
        with_ambiguous: bool,
        resolve_loose: frozenset[str] | set[str],
        capitalised: bool,
    ) -> Entry | None:
        entry = self.table.get(key)
        if entry is not None or not (with_ambiguous or resolve_loose):
            return entry
        loose = self.ambiguous.get(key)
        if loose is None:
            return None
        if with_ambiguous or (capitalised and loose.canonical in resolve_loose):
            return loose
        return None


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[str, list[str], str]]:
    """(canonical, aliases, section) for each `canonical = alias, alias` line of a data file."""
    section = ""
    for raw in lines:
        line = "" if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        left, _, right = line.partition("=")
        yield left.strip(), [a.strip() for a in right.split(",") if a.strip()], section


# The first file to claim a phrase keeps it: the words that name no one come last.
_FILES = (
    ("clubs.txt", Kind.CLUB),
    ("nations.txt", Kind.NATION),
    ("roles.txt", Kind.ROLE),
    ("outlets.txt", Kind.OUTLET),
    ("journalists.txt", Kind.JOURNALIST),
    ("not_people.txt", Kind.NOT_PERSON),
)


def build(files: dict[str, str]) -> Gazetteer:
    """A gazetteer from the texts of its data files, by file name."""
    gaz = Gazetteer()
    for name, kind in _FILES:
        for canonical, aliases, section in parse_lines(files.get(name, "").splitlines()):
            if kind is Kind.CLUB and section == "stadiums":
                gaz.add(canonical, Entry(aliases[0] if aliases else canonical, Kind.STADIUM))
                continue
            entry = Entry(canonical, kind)
            ambiguous = section == "ambiguous"
            if not ambiguous:
                gaz.add(canonical, entry)
            for alias in aliases:
                gaz.add(alias, entry, ambiguous=ambiguous)
    for canonical, aliases, _ in parse_lines(files.get("people.txt", "").splitlines()):
        for alias in aliases:
            gaz.people.setdefault(fold(alias), canonical)
    return gaz


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package (loaded once per process)."""
    folder = resources.files("ingest") / "data" / "gazetteer"
    names = [name for name, _ in _FILES] + ["people.txt"]
    return build({name: (folder / name).read_text(encoding="utf-8") for name in names})
