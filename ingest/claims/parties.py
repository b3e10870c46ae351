"""Who a claim is about and where he goes: the mover, the clubs he leaves and joins, the role."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.claims.clauses import clauses
from ingest.claims.gazetteer import CLUB_KINDS, Kind, Match, Word
from ingest.claims.people import Person
from ingest.claims.stage import Stage
from ingest.claims.stages import StageCue

_TO_BEFORE = re.compile(
    r"(?:\bto|\bjoin\w*|\bsign(?:ed|ing|s)?\s+for|\bfor|\bat|\btowards|\bwith|\brejoin\w*|\bbecome|\bby|"
    r"\b(?:manager|boss|coach|charge|helm|head\s+coach)\s+of)"
    r"(?:\s+(?:the|a|fellow|rivals?|side|club|league\s+\w+|premier\s+league|championship|\w+\s+side))*"
    r"(?:\s+(?:\S+\s+){0,3}?(?:side|club|outfit|giants|champions))?\s*$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(
    r"(?:\bfrom|\bleav\w*|\bleft|\bquit\w*|\bexit|\bdepart\w*|\bout\s+of|\baway\s+from|\bsold\s+by|\breleased\s+by|\bsacked\s+by)"
    r"(?:\s+(?:the|a|side|club))*\s*$",
    re.IGNORECASE,
)
_PLAYER_WORDS = frozenset(
    """midfielder striker forward defender winger goalkeeper keeper full-back centre-back
    centre-half right-back left-back wing-back playmaker captain skipper youngster teenager
    star ace player international academy graduate loanee midfield defence attack
    centre-forward attacker no 1 number""".split()
)
_STAFF_WORDS = frozenset(
    "boss manager coach chairman director owner president chief executive assistant".split()
)
_JOB_CUE = re.compile(
    r"appoint|named|unveil|become|take|took|charge|sack|fired|dismiss|resign|step|quit|left|leav|"
    r"succeed|replac|job|role|post",
    re.IGNORECASE,
)
_WANTING = re.compile(
    r"\b(?:want|keen|after|target|eye|consider|could|interest|link)", re.IGNORECASE
)
_REPLACED = re.compile(
    r"\b(?:replac\w*|succeed\w*|take\s+over\s+from|taking\s+over\s+from|join|joining|"
    r"reunite\w*\s+with|link\s+up\s+with)\s+(?:(?:(?!by\b)\S+\s+){0,3}?(?:boss|manager|coach)\s+)?$",
    re.IGNORECASE,
)
# A cue ending on a verb whose object is the player: whoever is named next is the one who moves.
_HANDLES_PLAYER = re.compile(
    r"\b(?:sell|sells|selling|sold|keep|keeps|keeping|buy|buys|buying|sign|signs|signing|"
    r"offload|offloading|release|releasing|land|landing|hold\w*\s+on\s+to)$",
    re.IGNORECASE,
)
# A club named as where someone goes or whom something is told: not where a player stays.
_ADDRESSED = re.compile(r"\b(?:to|towards|join\w*|for)\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$", re.IGNORECASE)
_JOINED_BY = re.compile(r"(?<=joined)\s+by\b", re.IGNORECASE)
_CHANCE = re.compile(r"\b(?:chance|opportunity)$", re.IGNORECASE)
# "City had a bid rejected", "Leeds have seen a £20m offer for him turned down": the subject bid.
_OWN_BID_REFUSED = re.compile(
    r"\b(?:had|has|have|saw|seen|see)\s+(?:had\s+)?(?:\S+\s+){0,4}?"
    r"(?:bid|offer|approach|proposal|enquiry|inquiry)s?\b[^.;]{0,60}?"
    r"\b(?:rejected|turned\s+down|knocked\s+back|snubbed|rebuffed|refused)\b",
    re.IGNORECASE,
)
_OF_SOMEONE = re.compile(r"\bof$", re.IGNORECASE)
_NEXT_NAME_CHARS = 40  # "the arrival of new manager X"
_DESCRIPTOR_WORDS = frozenset(
    "'s and former ex young veteran highly-rated rated international under-21 under-23 u21 u23 "
    "youth teenage teenager teen star academy".split()
)
_BIDDER_BEFORE = re.compile(
    r"\b(?:bid|offer|approach|interest|enquiry|inquiry|proposal|advances|overtures?)s?\s+(?:\S+\s+){0,3}?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SAME_SUBJECT_START = re.compile(
    r"(?:,|;)?\s+(?:but|and|yet)\s+(?:has|have|had|is|are|was|were|will|would|could|then|also|\w+ed)\b",
    re.I,
)


@dataclass
class Sentence:
    """A sentence of an article with the names found in it."""

    start: int
    end: int
    text: str
    tokens: list[Word]
    known: list[Match]
    people: list[Person] = field(default_factory=list)

    def clubs(self, begin: int = 0, end: int | None = None) -> list[Match]:
        """Club mentions between two offsets of the sentence."""
        stop = len(self.text) if end is None else end
        return [m for m in self.known if m.entry.kind in CLUB_KINDS and begin <= m.start < stop]


def is_staff(item: Sentence, person: Person) -> bool:
    """A manager or chairman named as the actor ('United boss Ole Gunnar Solskjaer')."""
    before = item.tokens[max(0, person.first - 2) : person.first]
    return any(w.key in _STAFF_WORDS for w in before)


def find_movers(
    item: Sentence,
    people: list[Person],
    cue: StageCue,
    begin: int,
    everyone: list[Person] | None = None,
) -> list[Person]:
    """Who the cue says moves.

    The nearest name before the cue decides the reading: a person there is the subject who
    moves ("X has joined Y", "X was sacked"); a club there acts on the person named after the
    cue ("Chelsea have signed X"). A manager before the cue moves only when the cue is about his
    own job ("Santini has resigned"); otherwise he acts for his club ("United boss X wants Y").
    """
    if not people:
        return []
    # "to replace Steve Bruce", "poised to join Redknapp": the person named is where the
    # subject goes, never the one who moves.
    people = [p for p in people if not _REPLACED.search(item.text[max(0, p.start - 30) : p.start])]
    if not people:
        return []
    before = [p for p in people if begin <= p.start and p.end <= cue.start]
    after = [p for p in people if p.start >= cue.end]
    if cue.weak or _OF_SOMEONE.search(cue.text):
        # "new boss X", "the arrival of new manager X": only the person named next.
        nxt = after[:1]
        return nxt if nxt and nxt[0].start - cue.end <= _NEXT_NAME_CHARS else []
    if after and _JOINED_BY.match(item.text, cue.end) and _PASSIVE.search(item.text, 0, cue.start):
        # "Lorimer will be joined by Yvonne Todd": the person after "by" is the one who joins
        return _listed_with(item, everyone or people, after[0])
    if after and handles_player(cue) and after[0].start - cue.end <= 1:
        # "no intention of selling Shaun Wright-Phillips": the player sold or kept moves
        return _listed_with(item, everyone or people, after[0])
    club_before = [m for m in item.clubs(begin, cue.start) if not describes_person(item, m, people)]
    subject = before[-1] if before else None
    if subject is not None and club_before and club_before[-1].start > subject.end:
        subject = None  # "X said Chelsea had signed Y": the club is nearer
    if subject is not None and is_staff(item, subject) and not _JOB_CUE.search(cue.text):
        subject = None
    if subject is not None:
        return _listed_with(item, everyone or people, subject)
    objects = [p for p in after if not is_staff(item, p)] or after
    if objects:
        return _listed_with(item, everyone or people, objects[0])
    players = [p for p in people if not is_staff(item, p)]
    described = [p for p in players if described_as_player(item, p)]
    pool = described or players or people
    return pool[:1]


def handles_player(cue: StageCue) -> bool:
    """Whether a cue ends on a verb whose object is the player ("no intention of selling")."""
    return bool(_HANDLES_PLAYER.search(cue.text))


def _listed_with(item: Sentence, people: list[Person], person: Person) -> list[Person]:
    """A person and those listed with them: "X, Y and Z", "X and Germany winger Y"."""
    index = people.index(person)
    found = [person]
    for nxt in people[index + 1 :]:
        if not _in_list(item.text[found[-1].end : nxt.start]):
            break
        found.append(nxt)
    for prev in reversed(people[:index]):
        if not _in_list(item.text[prev.end : found[0].start]):
            break
        found.insert(0, prev)
    return found


def _in_list(gap: str) -> bool:
    """Whether the text between two names joins them in a list."""
    return (
        len(gap) <= 60
        and bool(re.search(r"(?:,|\band\b|&)", gap))
        and not re.search(r"[;:.()]|\b(?:but|who|which|after|while)\b", gap)
        and not _STAGE_WORD.search(gap)
    )


_STAGE_WORD = re.compile(
    r"\b(?:sign|join|bid|want|keen|interest|talks|deal|move|stay|reject|agree)\w*", re.I
)


def describes_person(item: Sentence, club: Match, people: list[Person]) -> bool:
    """'Watford midfielder X', 'Arsenal's X': the club only describes a person named just after."""
    nxt = next((p for p in people if p.start >= club.end), None)
    if nxt is None or nxt.start - club.end > 60:
        return False
    between = item.tokens[club.last + 1 : nxt.first]
    if not between or len(between) > 8:
        return False
    nations = {
        i for m in item.known if m.entry.kind is Kind.NATION for i in range(m.first, m.last + 1)
    }
    clubs = {
        i for m in item.known if m.entry.kind in CLUB_KINDS for i in range(m.first, m.last + 1)
    }
    role_words = _PLAYER_WORDS | _STAFF_WORDS | _DESCRIPTOR_WORDS
    described = False
    for offset, word in enumerate(between):
        index = club.last + 1 + offset
        if word.key in _PLAYER_WORDS | _STAFF_WORDS or word.key == "'s":
            described = True
        elif not (
            word.key in role_words
            or index in nations
            or index in clubs
            or word.key.isdigit()
            or word.key.endswith("-year-old")
            or word.key == "head"
        ):
            return False
    return described


def described_as_player(item: Sentence, person: Person) -> bool:
    """Whether a position word comes just before the name ("midfielder X")."""
    before = item.tokens[max(0, person.first - 3) : person.first]
    return any(w.key in _PLAYER_WORDS for w in before)


def assign_clubs(
    item: Sentence, mover: Person | None, cue: StageCue, begin: int, end: int
) -> tuple[list[str], str, str]:
    """The clubs of a claim's clause, and which one the person leaves and which one he joins."""
    matches = item.clubs(begin, end) or (item.clubs() if begin == 0 else [])
    home = _clause_of(item, cue)
    clubs: list[str] = []
    from_club = to_club = ""
    actor = ""
    for match in matches:
        club = match.entry.canonical
        if club not in clubs:
            clubs.append(club)
        if not home[0] <= match.start < home[1]:
            continue  # named in another clause: a candidate, but its words say nothing here
        before = item.text[max(0, match.start - 40) : match.start]
        after = item.tokens[match.last + 1 : match.last + 4]
        if _BIDDER_BEFORE.search(before):
            to_club = to_club or club  # "an approach from Crystal Palace": the bidder
        elif cue.stage is Stage.REJECTED and match.start < cue.end <= match.end:
            to_club = club  # "Howe turned down Celtic": the club whose move he refused
        elif (
            describes_person(item, match, item.people)
            and mover is not None
            and _next_person_is(item, match, mover)
        ):
            from_club = from_club or club  # "Inter Milan striker Adriano", "Swansea boss Bradley"
        elif _FROM_BEFORE.search(before):
            from_club = from_club or club
        elif cue.stage.negative and match.start >= cue.end and before.endswith(" by "):
            continue  # "ruled out by United": the club that refuses, not where he goes
        elif _TO_BEFORE.search(before):
            to_club = to_club or club
        elif after and (
            after[0].key == "'s" or any(w.key in _PLAYER_WORDS | _STAFF_WORDS for w in after)
        ):
            if mover is not None and match.start < mover.start and not _is_actor(item, match, cue):
                from_club = from_club or club  # "Arsenal's X", "Watford midfielder X"
            elif match.start < cue.start:
                actor = actor or club
        elif match.start < cue.start:
            actor = club  # the nearest club before the cue acts: "Blackburn made a bid"
    if not actor and begin > 0 and _SAME_SUBJECT_START.match(item.text, begin):
        earlier = [
            m
            for m in item.clubs(0, begin)
            if not describes_person(item, m, item.people)
            and not _FROM_BEFORE.search(item.text[max(0, m.start - 40) : m.start])
        ]
        if earlier:
            actor = earlier[0].entry.canonical  # "Juventus were set to sign X but had to withdraw"
    own_bid = cue.stage is Stage.REJECTED and _OWN_BID_REFUSED.search(item.text, begin, end)
    if cue.stage is Stage.REJECTED and actor and _CHANCE.search(cue.text) and not to_club:
        to_club = actor  # "Tottenham turned down the chance to sign him": a buyer passed
    elif own_bid and actor and not to_club and actor != from_club:
        to_club = actor  # "Manchester City had a bid rejected": the bidder was refused
    elif cue.stage is Stage.REJECTED and actor and not from_club and actor != to_club:
        from_club = actor  # "Chelsea have rejected a bid": the seller refuses
    elif actor and not to_club and actor != from_club:
        to_club = actor
    if not to_club and not from_club and clubs and not cue.stage.negative:
        left = [
            m for m in matches if _FROM_BEFORE.search(item.text[max(0, m.start - 40) : m.start])
        ]
        if left and len(left) == len(matches):
            from_club = left[0].entry.canonical  # "his move from Crewe": only where he came from
        else:
            to_club = next(m.entry.canonical for m in matches if m not in left)
    if cue.stage is Stage.STAYS and matches:
        return clubs, _home(item.text, matches, cue), ""
    return clubs, from_club, to_club


def _home(text: str, matches: list[Match], cue: StageCue) -> str:
    """The club where a stay happens: the one named with the contract ("a new deal with Wolves")."""
    # "will not sell him to Leeds": a club he would go to is not where he stays
    later = [m for m in matches if m.start >= cue.start and not _ADDRESSED.search(text, 0, m.start)]
    if later and later[0].start - cue.end < 25:
        return later[0].entry.canonical
    # "his departure from Sevilla ... clear to Chelsea ... he will stay put": Sevilla
    earlier = [
        m for m in matches if m.start < cue.start and not _ADDRESSED.search(text, 0, m.start)
    ]
    return earlier[-1].entry.canonical if earlier else ""


def _clause_of(item: Sentence, cue: StageCue) -> tuple[int, int]:
    """The span of the clause that holds the cue."""
    for clause in clauses(item.text):
        if clause.start <= cue.start < clause.end:
            return clause.start, clause.end
    return 0, len(item.text)


def _next_person_is(item: Sentence, club: Match, mover: Person) -> bool:
    """Whether the first person named after a club is the mover."""
    nxt = next((p for p in item.people if p.start >= club.end), None)
    return nxt is not None and nxt.start == mover.start


def _is_actor(item: Sentence, match: Match, cue: StageCue) -> bool:
    """'United boss X wants ...': the club of a staff title before the cue acts for the move."""
    after = item.tokens[match.last + 1 : match.last + 3]
    return any(w.key in _STAFF_WORDS for w in after) and match.start < cue.start


def find_role(item: Sentence, begin: int, end: int) -> str:
    """The job a sentence names, preferring one in the claim's clause."""
    for match in item.known:
        if match.entry.kind is Kind.ROLE and begin <= match.start < end:
            return match.entry.canonical
    for match in item.known:
        if match.entry.kind is Kind.ROLE:
            return match.entry.canonical
    return ""
