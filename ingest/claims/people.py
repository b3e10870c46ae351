"""Finding people in football prose: capitalised names that are no club, nation, outlet or title."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.claims.gazetteer import Match, Word
from ingest.core.text.folding import fold

# Lower-case words that may sit inside a name: "Rafael van der Vaart", "Kevin De Bruyne".
_PARTICLES = frozenset(
    "van von der den de da das do dos di del della le la du ter ten bin ben al el mac st".split()
)
# Capitalised words that start sentences or describe people without naming them.
_NOT_NAMES = frozenset(
    fold(w)
    for w in """
    a an the he she it they we i you his her their its our my your this that these those there here
    but and or so yet if as at in on of for to by with from into after before when while since until
    however meanwhile although though also still even now then today yesterday tomorrow last next
    former ex new old young veteran teenager youngster star ace international skipper captain
    midfielder striker forward defender winger goalkeeper keeper full-back centre-back centre-half
    right-back left-back wing-back playmaker boss manager coach chairman chief owner director
    assistant president agent father brother sources source report reports according
    mr mrs ms sir dr lord king prince sheikh club clubs side team champions fans supporters
    what who why how where which whose both all some many most several few each every no not
    one two three four five six seven eight nine ten first second third
    premier league cup final title season summer winter january february march april may june july
    august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    would could should will can may might must did does do is are was were be been has have had
    """.split()
)
_SPEECH_VERBS = frozenset(
    "said says told added admitted insisted explained revealed claimed confirmed stated".split()
)
_FIRST_PERSON = frozenset("i i'm i've i'd i'll me my myself we we're we've our us".split())


@dataclass(frozen=True)
class Person:
    """A person mention in a sentence (character span) and the name it resolves to."""

    name: str
    start: int
    end: int
    first: int  # word index
    last: int


def person_mentions(
    text: str,
    tokens: list[Word],
    known: list[Match],
    not_names: frozenset[tuple[str, ...]] = frozenset(),
) -> list[Person]:
    """Runs of capitalised words that are not a known club, nation, outlet or other non-person."""
    taken = [False] * len(tokens)
    for match in known:
        for i in range(match.first, match.last + 1):
            taken[i] = True
    found: list[Person] = []
    i = 0
    while i < len(tokens):
        if taken[i] or not _name_word(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and not taken[j + 1] and _continues(text, tokens, j):
            j += 1
        while j > i and tokens[j].key in _PARTICLES:  # never end on a particle
            j -= 1
        run = tokens[i : j + 1]
        # Drop leading descriptors: "Former Everton midfielder" leaves no name at all.
        while run and run[0].key in _NOT_NAMES:
            run = run[1:]
        if run and tuple(w.key for w in run) in not_names:
            run = []  # "Inter", "City": a club's short form, never a person
        if run and not (len(run) == 1 and run[0].key in _NOT_NAMES):
            name = text[run[0].start : run[-1].end]
            first = tokens.index(run[0])
            found.append(Person(name, run[0].start, run[-1].end, first, first + len(run) - 1))
        i = j + 1
    return found


_CONTRACTION = re.compile(r"^(?:i|we|you|they|he|she|it|that|there)'(?:ve|m|re|ll|d|s)$")


def _name_word(word: Word) -> bool:
    return (
        word.capitalised
        and word.key.replace("-", "").replace("'", "").isalpha()
        and not _CONTRACTION.match(word.key)
    )


def _continues(text: str, tokens: list[Word], j: int) -> bool:
    """Whether the word after `j` continues the same name (no punctuation between)."""
    nxt = tokens[j + 1]
    gap = text[tokens[j].end : nxt.start]
    if gap.strip():
        return False
    if _name_word(nxt):
        return True
    k = j + 1  # particles continue a name only when a capitalised word follows them
    while k < len(tokens) and tokens[k].key in _PARTICLES and _adjacent(text, tokens, k):
        k += 1
    return k > j + 1 and k < len(tokens) and _name_word(tokens[k])


class ArticlePeople:
    """Who an article names, so 'Gravesen' resolves to 'Thomas Gravesen' and 'he' to its subject."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}  # folded full name -> display
        self.by_part: dict[str, Counter[str]] = {}  # folded surname/first name -> full names
        self.mentions: Counter[str] = Counter()
        self.single: set[str] = set()  # one-word names seen mid-sentence ("Mido")

    def learn(self, name: str, *, mid_sentence: bool = True) -> None:
        """Record a name seen in the article."""
        parts = name.split()
        if len(parts) < 2:
            if mid_sentence:
                self.single.add(fold(name))
            return
        key = fold(name)
        self.full.setdefault(key, name)
        for part in (parts[-1], parts[0], " ".join(parts[1:])):
            self.by_part.setdefault(fold(part), Counter())[key] += 1

    def resolve(self, name: str) -> str:
        """The fullest form of `name` that the article uses."""
        key = fold(name)
        if key in self.full:
            return self.full[key]
        candidates = self.by_part.get(key)
        if candidates and len(candidates) == 1:
            return self.full[next(iter(candidates))]
        return name

    def is_known(self, word: str) -> bool:
        """Whether a single word is part of a name the article uses."""
        key = fold(word)
        return key in self.full or key in self.by_part or key in self.single

    def count(self, name: str) -> None:
        """Count one mention of a resolved name."""
        self.mentions[name] += 1

    def main(self) -> str:
        """The person the article is most about."""
        return self.mentions.most_common(1)[0][0] if self.mentions else ""


def first_person(text: str) -> bool:
    """Whether a sentence speaks in the first person (a quote)."""
    return any(w in _FIRST_PERSON for w in fold(text).replace('"', " ").split())


def speaker(text: str, people: list[Person], tokens: list[Word]) -> str:
    """The person a quote is credited to: 'said Jol', 'Jol said', 'Jol told ...'."""
    for person in people:
        after = tokens[person.last + 1].key if person.last + 1 < len(tokens) else ""
        before = tokens[person.first - 1].key if person.first > 0 else ""
        if after in _SPEECH_VERBS or before in _SPEECH_VERBS:
            return person.name
    return ""


def _adjacent(text: str, tokens: list[Word], k: int) -> bool:
    """Whether word k follows the previous one with only spaces between."""
    return not text[tokens[k - 1].end : tokens[k].start].strip()
