"""A fan's question as a claim pattern: who, which club or role, and what kind of question.

"haland to city?", "is pogba stayin at man utd or leavin", "who's the new england manager":
names are resolved against the people the ingested articles name (exactly, by a part such as a
surname, by a fan's nickname, or by a near spelling), clubs and jobs against the shipped lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process

from ingest.claims.gazetteer import Gazetteer, Kind, Match, Word, words
from ingest.core.text.folding import fold


class Ask(StrEnum):
    """What a question wants to know about a move."""

    MOVE = "move"  # is X going to Y / did Y get X
    LEAVE = "leave"  # is X leaving Y
    STAY = "stay"  # is X staying at Y / did X sign a new deal
    WHO = "who"  # who's after X / who's the new Y manager
    LATEST = "latest"  # latest on X


@dataclass(frozen=True)
class PersonRef:
    """A person a question names, and the full names in the sources it may stand for."""

    said: str  # as the fan wrote it
    keys: tuple[str, ...]  # folded full names; empty when the sources name nobody like it
    spans: tuple[int, ...] = ()  # the question's word indexes it took


@dataclass(frozen=True)
class Question:
    """The claim pattern a question asks about."""

    text: str
    ask: Ask
    people: tuple[PersonRef, ...] = ()
    to_club: str = ""
    from_club: str = ""
    clubs: tuple[str, ...] = ()
    role: str = ""
    terms: tuple[str, ...] = ()  # other content words ("keeper")
    latest: bool = False

    @property
    def club(self) -> str:
        """The club the move is about: where he goes, or for leaving and staying, where he is."""
        return self.from_club if self.ask in (Ask.LEAVE, Ask.STAY) else self.to_club


_LATEST = re.compile(
    r"\b(latest|any news|news on|update|what'?s (?:happening|going on|the story|new)|"
    r"what happened|where are we|status|end(?:ed)? up|in the end|eventually|so far|now\b)"
)
_WHO = re.compile(r"^\s*(?:who|which clubs?|what clubs?)\b")
_LEAVE = re.compile(
    r"\b(leav\w*|left|quit\w*|walk(?:ed|ing)? out|exit\w*|depart\w*|sell\w*|sold|cash(?:ing)? in|"
    r"out of|let go|get rid|offload\w*|axe\w*|sack\w*|fired|resign\w*)\b"
)
_STAY = re.compile(
    r"\b(stay\w*|new (?:\w+ )?(?:deal|contract)|extend\w*|extension|commit\w*|remain\w*|"
    r"renew\w*|long term|not for sale|sign(?:ed|s|ing)? (?:a |his |her )?(?:new|fresh))\b"
)
# "Lee Clark's lad Bobby": a relative who shares the family name.
_KIN = re.compile(
    r"\b[A-Za-z][\w-]*\s+(?P<surname>[A-Za-z][\w-]*)(?:'s|’s)\s+"
    r"(?:lad|son|boy|kid|brother|nephew|grandson|daughter|girl)\s+(?P<first>[A-Za-z][\w-]*)",
)
_FROM = re.compile(r"\bfrom\s*$")
# "QPR's Chris Day" names the player's club; "Real Madrid's next manager" names a job there.
_POSSESSIVE_PLAYER = re.compile(
    r"^(?:'s|s')\s+(?!(?:new|next|future|permanent|interim|\w+\s+)?(?:manager|boss|coach|gaffer|job|"
    r"assistant|staff|director|head)\b)"
)
_TO_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:in for|after|going for|want|keen|chasing|sign|signing|get|got|land|bid|buy|"
    r"bought|tracking|interested|move for|swoop)"
)
# Words fans use for jobs, beside the role list's own names.
FAN_ROLES = {
    "boss": "manager",
    "manager": "manager",
    "gaffer": "manager",
    "management": "manager",
    "managerial": "manager",
    "coach": "manager",
    "job": "manager",
    "staff": "assistant",
    "assistant": "assistant",
    "backroom": "assistant",
    "director": "director",
}
# Words of a question that never name anyone.
_FRAME = frozenset(
    """is are was were be been being do does did done has have had will would could should can may
    might must shall a an the to of in on at for from with by about into off out up over after
    and or but if so as than then that this these those there here what whats what's who whos who's
    whom which when where why how any some no not yet still really actually true rumour rumours
    talk talks news latest update happening happened going go goes gone went get gets got getting
    join joining joined joins sign signing signed signs move moving moved transfer transfers deal
    deals bid bids offer leave leaving leavin left quit stay stayin staying stays new contract
    extension long term now next summer january window season year month week today tomorrow
    end ended up eventually finally club clubs player players team side target targets linked link
    want wants wanted keen interest interested chasing chase buying buy bought sell
    selling sale sold land landed swoop race back return returning heading head gonna wanna
    too also again him his her he she they them their it its me my i you your we us our
    cash loan permanent fee medical agree agreed terms happen rumoured rumor
    that one guy lad kid star jan feb mar apr jun jul aug sep sept oct nov dec winter
    february march april may june july august september october november december
    surely definitely reckon think hear heard says said confirmed official officially
    """.split()
)
_NEAR_SCORE = 85.0  # rapidfuzz ratio for a misspelt name ("haland" ~ "haaland")
_SHORT_NAME = 5  # letters: a near spelling of a name this short keeps its first two
_TAKEN = (
    Kind.CLUB,
    Kind.STADIUM,
    Kind.NATION,
    Kind.ROLE,
)


@dataclass
class NameIndex:
    """The people the sources name, for resolving fans' spellings of them."""

    full: dict[str, str] = field(default_factory=dict)  # folded full name -> as written
    parts: dict[str, set[str]] = field(default_factory=dict)  # surname, first name ... -> full
    weight: dict[str, int] = field(default_factory=dict)  # folded full name -> mentions
    aliases: dict[str, str] = field(default_factory=dict)  # folded nickname -> full name

    @classmethod
    def build(cls, names: Iterable[tuple[str, int]], aliases: dict[str, str]) -> NameIndex:
        """Index (name, mentions) pairs, with fans' nicknames for well-known people."""
        index = cls(aliases={k: fold(v) for k, v in aliases.items()})
        for name, count in names:
            key = fold(name)
            index.full.setdefault(key, name)
            index.weight[key] = index.weight.get(key, 0) + count
            tokens = key.split()
            for i in range(len(tokens)):
                for j in range(i + 1, len(tokens) + 1):
                    if j - i < len(tokens):
                        index.parts.setdefault(" ".join(tokens[i:j]), set()).add(key)
        return index

    def exact(self, phrase: str) -> tuple[str, ...]:
        """Full names that `phrase` is, is part of, or is a nickname of; most mentioned first."""
        key = fold(phrase)
        if key in self.aliases:
            target = self.aliases[key]
            surname = target.split()[-1]
            found = [k for k in self.full if k.split()[-1] == surname]
            exact = [k for k in found if k == target]
            return tuple(exact or found) or (target,)
        found = [key] if key in self.full else []
        found += sorted(self.parts.get(key, ()), key=lambda k: -self.weight.get(k, 0))
        return tuple(dict.fromkeys(found))

    def near(self, phrase: str) -> tuple[str, ...]:
        """Full names spelt nearly like `phrase` ("mbape" -> "kylian mbappe")."""
        key = fold(phrase)
        found = self.exact(key)
        if found or len(key) < 4:
            return found
        choices = [*self.full, *self.parts]
        best = process.extract(key, choices, scorer=fuzz.ratio, limit=5, score_cutoff=_NEAR_SCORE)
        if len(key) <= _SHORT_NAME:
            # One letter is a bigger change in a short name: "klop" is Klopp, but "saka" is
            # not Shaka. Fans' slips come later in a name, so a short one keeps its first two.
            best = [b for b in best if b[0][:2] == key[:2]]
        keys: list[str] = []
        for choice, _score, _ in best:
            for full in self.exact(choice):  # "haaland" is also Erling Haaland
                if full not in keys:
                    keys.append(full)
        return tuple(keys)


def parse_question(
    text: str, gaz: Gazetteer, names: NameIndex, is_word: Callable[[str], bool]
) -> Question:
    """Read a question into the claim pattern it asks about.

    `is_word` says whether a folded word is an ordinary word of the sources' prose (not a name).
    """
    text = _KIN.sub(r"\g<first> \g<surname>", text)  # "lee clark's lad bobby": Bobby Clark
    folded = fold(text)
    tokens = words(text)
    found = _Found(tokens)

    def common(i: int) -> bool:
        word = tokens[i]
        key = word.key
        slang = key.endswith("in") and is_word(key + "g")  # "stayin", "goin"
        named = word.capitalised and i > 0
        return key in _FRAME or key in FAN_ROLES or slang or (is_word(key) and not named)

    # Names the sources use for a person win first ("pau torres" is a man, not Pau FC), then
    # club names, then fans' loose club forms, and only then near spellings of names.
    found.people += _exact_people(tokens, found.taken, names, common, min_words=2)
    found.take(gaz.find_in(tokens))
    found.take(gaz.find_in(tokens, with_ambiguous=True))
    found.people += _near_people(tokens, found.taken, names, common, pairs_only=True)
    found.people += _exact_people(tokens, found.taken, names, common, min_words=1)
    found.people += _near_people(tokens, found.taken, names, common)
    people = sorted(found.people, key=lambda p: p.spans[0])
    people = [p for p in people if p.keys] or people[:1]
    role = found.role or next(
        (
            FAN_ROLES[w.key]
            for i, w in enumerate(tokens)
            if i not in found.taken and w.key in FAN_ROLES
        ),
        "",
    )
    to_club, from_club = _directions(folded, found.clubs)
    ask = _kind(folded, people, found.clubs)
    if ask is Ask.WHO and role:
        people = []  # "who's the new Wales boss after Hughes": the answer is someone else
    if ask in (Ask.LEAVE, Ask.STAY) and to_club and not from_club:
        from_club, to_club = to_club, ""
    if ask is Ask.MOVE and from_club and not to_club:
        ask = Ask.LEAVE  # "QPR's Chris Day going out on loan?"
    spans = {i for p in people for i in p.spans}
    terms = tuple(
        w.key
        for i, w in enumerate(tokens)
        if i not in found.taken
        and i not in spans
        and w.key not in _FRAME
        and w.key not in FAN_ROLES
        and len(w.key) > 2
    )
    return Question(
        text=text,
        ask=ask,
        people=tuple(people),
        to_club=to_club,
        from_club=from_club,
        clubs=tuple(c for c, _, _ in found.clubs),
        role=role,
        terms=terms,
        latest=bool(_LATEST.search(folded)),
    )


@dataclass
class _Found:
    tokens: list[Word]
    taken: set[int] = field(default_factory=set)
    clubs: list[tuple[str, int, int]] = field(default_factory=list)
    people: list[PersonRef] = field(default_factory=list)
    role: str = ""

    def take(self, matches: list[Match]) -> None:
        for match in matches:
            span = range(match.first, match.last + 1)
            if match.entry.kind not in _TAKEN or any(i in self.taken for i in span):
                continue
            self.taken.update(span)
            if match.entry.kind in (Kind.CLUB, Kind.STADIUM, Kind.NATION):
                self.clubs.append((match.entry.canonical, match.start, match.end))
            elif match.entry.kind is Kind.ROLE and not self.role:
                self.role = match.entry.canonical
        self.clubs.sort(key=lambda c: c[1])


def _directions(folded: str, clubs: list[tuple[str, int, int]]) -> tuple[str, str]:
    """Which club the question's person would join, and which he would leave."""
    to_club = from_club = ""
    for club, start, end in clubs:
        before, after = folded[:start], folded[end:]
        if _POSSESSIVE_PLAYER.match(after):
            from_club = from_club or club  # "QPR's Chris Day": his club
        elif _FROM.search(before) or (
            _LEAVE.search(before[-18:]) and not from_club and not to_club
        ):
            from_club = from_club or club
        elif _TO_AFTER.match(after) or not to_club:
            to_club = to_club or club
    return to_club, from_club


def _kind(folded: str, people: list[PersonRef], clubs: list[tuple[str, int, int]]) -> Ask:
    if _WHO.search(folded):
        return Ask.WHO
    if _STAY.search(folded):
        return Ask.STAY
    if _LEAVE.search(folded):
        return Ask.LEAVE
    if people and not clubs and _LATEST.search(folded):
        return Ask.LATEST
    return Ask.MOVE


def _exact_people(
    tokens: list[Word],
    taken: set[int],
    names: NameIndex,
    common: Callable[[int], bool],
    *,
    min_words: int,
) -> list[PersonRef]:
    """Runs of free words that are exactly a name (or a part, or a nickname) the sources use."""
    found: list[PersonRef] = []
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(3, min_words - 1, -1):
            span = tuple(range(i, i + n))
            if i + n > len(tokens) or not _free(tokens, span, taken, common):
                continue
            keys = names.exact(" ".join(tokens[k].key for k in span))
            if keys and n == 1 and _first_name_of_another(tokens, i, keys, names, taken):
                hit = _two_word_name(tokens, i, names)  # "ben white" is not Ben Thatcher
                break
            if keys:
                hit = PersonRef(" ".join(tokens[k].text for k in span), keys, span)
                break
        if hit is None:
            i += 1
            continue
        found.append(hit)
        taken.update(hit.spans)
        i = hit.spans[-1] + 1
    return found


def _first_name_of_another(
    tokens: list[Word], i: int, keys: tuple[str, ...], names: NameIndex, taken: set[int]
) -> bool:
    """Whether a word the sources know only as a first name is followed by a surname they lack."""
    key = tokens[i].key
    if key in names.aliases or any(k.split()[-1] == key for k in keys):
        return False
    if i + 1 >= len(tokens) or i + 1 in taken:
        return False
    after = tokens[i + 1].key
    return after.isalpha() and after not in _FRAME and after not in FAN_ROLES


def _two_word_name(tokens: list[Word], i: int, names: NameIndex) -> PersonRef:
    """A first name and surname: a near spelling of someone the sources name, or nobody."""
    said = f"{tokens[i].text} {tokens[i + 1].text}"
    return PersonRef(said, names.near(f"{tokens[i].key} {tokens[i + 1].key}"), (i, i + 1))


def _near_people(
    tokens: list[Word],
    taken: set[int],
    names: NameIndex,
    common: Callable[[int], bool],
    *,
    pairs_only: bool = False,
) -> list[PersonRef]:
    """Free words that look like a misspelt name ("micheal owen"), or a name the sources lack."""
    found: list[PersonRef] = []
    for i in range(len(tokens) - 1):
        pair = (i, i + 1)
        if not _free(tokens, pair, taken, common):
            continue
        keys = names.near(tokens[i].key + " " + tokens[i + 1].key)
        if keys:
            found.append(PersonRef(tokens[i].text + " " + tokens[i + 1].text, keys, pair))
            taken.update(pair)
    if pairs_only:
        return found
    for i, word in enumerate(tokens):
        if not _free(tokens, (i,), taken, common):
            continue
        keys = names.near(word.key)
        if keys or (word.capitalised and i > 0) or len(word.key) >= 4:
            found.append(PersonRef(word.text, keys, (i,)))
            taken.add(i)
    return found


def _free(
    tokens: list[Word], span: tuple[int, ...], taken: set[int], common: Callable[[int], bool]
) -> bool:
    return all(
        k not in taken and not common(k) and any(c.isalpha() for c in tokens[k].key) for k in span
    )
