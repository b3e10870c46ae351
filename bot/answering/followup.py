"""Follow-up questions in a thread: what the thread asked last, and a follow-up made standalone.

A follow-up ("what about Chelsea?", "and his fee?") only makes sense after the question before
it. `resolve` rewrites it into a question the answer engine can take on its own, working on the
words of the two questions alone (clubs are told apart by the claim reader's gazetteer): a club
replaces the earlier question's club, a name replaces its person, "he"/"his" become that
person, and anything else is asked about the earlier question. `ThreadMemory` keeps, per
thread, the last questions for a limited time.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Literal

from ingest.claims.gazetteer import Kind as NameKind
from ingest.claims.gazetteer import default_gazetteer
from ingest.core.text.folding import STOPWORDS, fold, tokenize

log = logging.getLogger(__name__)

MAX_THREADS = 5000  # threads remembered at once; the least recently used goes first
MAX_TURNS = 10  # questions remembered per thread

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_CONNECTOR = re.compile(
    r"^(?:(?:and|but|so|ok|okay|also|then|hmm)\b[\s,]*)*"
    r"(?:(?:what|how)\s+about|what\s+of|and|or|also)?\b[\s,]*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:[\s,]+(?:too|instead|then|as well|also|either))+\s*$", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(r"^(?:to|at|for|from|with|on)\s+", re.IGNORECASE)
_AUXILIARIES = frozenset(
    """is are was were am do does did has have had will would could can should might may shall
    isn't aren't wasn't weren't doesn't don't didn't hasn't haven't won't wouldn't can't""".split()
)
_QUESTION_WORDS = frozenset("who what when where why how which whose".split())
_PERSONAL = {"he": "person", "him": "person", "she": "person", "they": "club", "them": "club"}
_POSSESSIVE = {"his": "person", "her": "person", "their": "club"}
# Move verbs (stemmed): a follow-up with one of them is a clause, not a bare name.
_VERBS = frozenset(
    tokenize(
        """join joining sign signing move moving leave leaving stay staying head heading return
        returning buy buying sell selling land want wants chase chasing quit walk replace appoint
        sack retire extend renew agree agreed complete completed happen happening leaving"""
    )
)
# Words that name an aspect of a move, never a person: "and his wages?" asks about the move.
_ASPECTS = frozenset(
    tokenize(
        """fee fees price cost wage wages salary clause release buyout agent age role position
        medical contract deal length loan option swap valuation bonus terms future management
        captain striker midfielder defender winger forward goalkeeper keeper centre-back
        full-back player squad team side summer january window deadline talks bid offer
        interest update chance odds timeline when date number shirt move transfer staff coach
        manager assistant job"""
    )
)
# The intent vocabulary of bot.answering.query: move words, not names.
_INTENT = frozenset(
    tokenize(
        """join sign move transfer deal bid leave quit walk out land get head off target after want
        chase interest keen going go staff plan next summer january window new contract end true
        rumour talk link happen club player manager coach job replace loan permanent return back
        stay search latest news cash sell sale week month year season weekend today tomorrow
        offer pursue swoop approach eye monitor track scout race battle rival fight fee buy cost"""
    )
)

Kind = Literal["stop", "move", "aspect", "pronoun", "name", "club"]
# Names the claim reader's gazetteer knows: clubs (and nations) a follow-up may swap, and names
# that are nobody a follow-up could be about.
_CLUB_LIKE = (NameKind.CLUB, NameKind.STADIUM, NameKind.NATION)
_NOT_NAMES = (NameKind.NOT_PERSON, NameKind.OUTLET, NameKind.JOURNALIST, NameKind.ROLE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: Kind
    possessive: bool = False
    canonical: str = ""  # a club's full name, as the gazetteer knows it


def resolve(followup: str, previous: str | None, *, max_chars: int = 500) -> str:
    """`followup` as a question that stands on its own, given the thread's previous question.

    A rewrite longer than `max_chars` gives way to the follow-up as it was asked.
    """
    text = " ".join(followup.split())
    if not previous or not text:
        return text
    standalone = _resolve(text, " ".join(previous.split()))
    return standalone if len(standalone) <= max_chars else text


def _resolve(text: str, previous: str) -> str:
    rest = _TRAILING.sub("", _CONNECTOR.sub("", text, count=1)).strip(" ?!.,")
    if not rest:
        return previous
    before, now = _spans(previous), _spans(rest)
    if any(s.kind == "pronoun" for s in now):
        rest = _substitute_pronouns(rest, now, previous, before)
        now = _spans(rest)
        if _is_clause(rest, now):
            return _question(rest)
        if all(s.kind in ("name", "club", "stop") for s in now):
            return _question(previous)  # "what about him?": the same question
        return _about(rest, previous)  # "Kane's fee"
    if _is_clause(rest, now):
        if _has_entity(now):
            return _question(rest)  # a new question of its own
        if all(s.kind in ("stop", "move") for s in now):
            return _question(previous)  # "is it true?"
    else:
        clubs = [s for s in now if s.kind == "club"]
        names = [s for s in now if s.kind == "name"]
        swapped = _swap(previous, before, rest, clubs, names) if clubs or names else None
        if swapped is not None:
            return swapped
    return _about(rest, previous)


class ThreadMemory:
    """The last questions of each thread, forgotten `ttl_seconds` after the thread's last one."""

    def __init__(
        self, ttl_seconds: float, *, max_threads: int = MAX_THREADS, max_turns: int = MAX_TURNS
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_threads = max_threads
        self.max_turns = max_turns
        self._threads: OrderedDict[int, deque[tuple[float, str]]] = OrderedDict()

    def remember(self, thread_id: int, question: str, at: float) -> None:
        """Record the standalone question a thread just asked, at `at` seconds."""
        turns = self._threads.pop(thread_id, None) or deque(maxlen=self.max_turns)
        turns.append((at, question))
        self._threads[thread_id] = turns  # now the most recently used
        while len(self._threads) > self.max_threads:
            self._threads.popitem(last=False)

    def last(self, thread_id: int, at: float) -> str | None:
        """The thread's last question, or None when it has none or it has expired."""
        turns = self._threads.get(thread_id)
        if not turns:
            return None
        if at - turns[-1][0] > self.ttl_seconds:
            del self._threads[thread_id]
            return None
        return turns[-1][1]

    def knows(self, thread_id: int) -> bool:
        """Whether the thread has been seen (expired or not)."""
        return thread_id in self._threads

    def __len__(self) -> int:
        return len(self._threads)


def needs_context(text: str) -> bool:
    """Whether a question leans on an earlier one ("what about Chelsea?", "and his fee?")."""
    text = " ".join(text.split()).strip(" ?!.,")
    rest = _TRAILING.sub("", _CONNECTOR.sub("", text, count=1)).strip(" ?!.,")
    return rest != text or any(s.kind == "pronoun" for s in _spans(rest))


def looks_like_question(text: str) -> bool:
    """Whether a message in the bot's thread is addressed to it: a question or a follow-up."""
    text = text.strip()
    if not text:
        return False
    first = fold(text.split()[0]).strip(",")
    return text.endswith("?") or first in _AUXILIARIES | _QUESTION_WORDS | {"and", "or"}


# -- the words of a question ------------------------------------------------------------------


def _spans(text: str) -> list[_Span]:
    """Each word (or club name of several words) of `text`, with what it is."""
    clubs = [
        m for m in default_gazetteer().find(text, with_ambiguous=True) if m.entry.kind in _CLUB_LIKE
    ]
    words = [(m.start(), m.end(), *_plain(m.group())) for m in _WORD.finditer(text)]
    spans: list[_Span] = []
    i = 0
    while i < len(words):
        start, end, word, possessive = words[i]
        club = next((c for c in clubs if c.start == start), None)
        if club is None:
            spans.append(_Span(start, end, _kind(word), possessive))
            i += 1
            continue
        last = i
        while last + 1 < len(words) and words[last + 1][0] < club.end:
            last += 1
        spans.append(_Span(start, words[last][1], "club", words[last][3], club.entry.canonical))
        i = last + 1
    return _merge_names(spans, text)


def _plain(word: str) -> tuple[str, bool]:
    """A word folded, without a possessive "'s", and whether it had one."""
    folded = fold(word).rstrip(".")
    if folded.endswith("'s") and len(folded) > 3:
        return folded[:-2], True
    return folded, False


def _kind(word: str) -> Kind:
    if word in _PERSONAL or word in _POSSESSIVE:
        return "pronoun"
    if word in _AUXILIARIES or word in _QUESTION_WORDS or word in STOPWORDS:
        return "stop"
    stems = tokenize(word)
    if not stems:
        return "stop"
    if all(s in _ASPECTS for s in stems):
        return "aspect"
    if all(s in _INTENT or s in _VERBS for s in stems):
        return "move"
    known = default_gazetteer().table.get((word,))
    if known is not None and known.kind in _NOT_NAMES:
        return "stop"  # "new", "keeper", "Sky Sports": words and names that are nobody
    return "name"


def _merge_names(spans: list[_Span], text: str) -> list[_Span]:
    """Neighbouring name words are one name ("Harry Kane")."""
    merged: list[_Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind == span.kind == "name"
            and not last.possessive
            and not text[last.end : span.start].strip()
        ):
            merged[-1] = _Span(last.start, span.end, "name", span.possessive)
        else:
            merged.append(span)
    return merged


# -- rewriting ---------------------------------------------------------------------------------


def _is_clause(text: str, spans: list[_Span]) -> bool:
    """Whether `text` is a clause with a verb ("is he staying"), not a bare phrase ("Chelsea")."""
    words = text.split()
    first = fold(words[0]) if words else ""
    if first in _AUXILIARIES or (first in _QUESTION_WORDS and len(words) > 1):
        return True
    return any(
        s.kind == "move" and any(t in _VERBS for t in tokenize(text[s.start : s.end]))
        for s in spans
    )


def _has_entity(spans: list[_Span]) -> bool:
    return any(s.kind in ("name", "club") for s in spans)


def _substitute_pronouns(text: str, spans: list[_Span], previous: str, before: list[_Span]) -> str:
    """'he' and 'his' become the earlier question's person; 'they' and 'their' its club."""
    person = next((s for s in before if s.kind == "name"), None)
    club = next((s for s in before if s.kind == "club"), None)
    out, at = [], 0
    for span in spans:
        if span.kind != "pronoun":
            continue
        word = fold(text[span.start : span.end])
        wanted = _PERSONAL.get(word) or _POSSESSIVE[word]
        target = (club or person) if wanted == "club" else (person or club)
        if target is None:
            continue
        name = _entity_text(previous, target)
        out.append(text[at : span.start])
        out.append(f"{name}'s" if word in _POSSESSIVE else name)
        at = span.end
    out.append(text[at:])
    return "".join(out)


def _swap(
    previous: str, before: list[_Span], rest: str, clubs: list[_Span], names: list[_Span]
) -> str | None:
    """The earlier question with its club and/or person replaced by the follow-up's."""
    replacements: list[tuple[_Span, str]] = []
    if clubs:
        if len(clubs) == 1 and clubs[0].canonical:
            text = clubs[0].canonical  # "city" -> "Manchester City": the reading, spelt out
        else:
            text = _titled(_LEADING_PREPOSITION.sub("", rest[clubs[0].start : clubs[-1].end]))
        old = [s for s in before if s.kind == "club"]
        if old:
            replacements.append((old[-1], text))  # the last club named: usually where he goes
        else:
            move = next((s for s in before if s.kind == "move"), None)
            if move is None:
                return None
            return f"{previous[: move.end]} {text}?"
    if names:
        text = _titled(rest[names[0].start : names[-1].end])
        old = [s for s in before if s.kind == "name"]
        if not old:
            return None
        replacements.append((old[0], text))
    result = previous
    for span, text in sorted(replacements, key=lambda r: -r[0].start):
        result = (
            result[: span.start] + text + ("'s" if span.possessive else "") + result[span.end :]
        )
    return _question(result)


def _about(aspect: str, previous: str) -> str:
    """'Kane's fee — is Kane joining Chelsea?': an aspect asked about the earlier question."""
    words = previous.split()
    if fold(words[0]) in _AUXILIARIES | _QUESTION_WORDS:
        previous = previous[:1].lower() + previous[1:]
    return f"{_capitalised(aspect)} — {previous.rstrip(' ?!.')}?"


def _entity_text(text: str, span: _Span) -> str:
    """A name as written, without its possessive 's."""
    written = text[span.start : span.end]
    return re.sub(r"['’]s$", "", written) if span.possessive else written


def _titled(text: str) -> str:
    """A name a fan typed in lower case, capitalised as a name: 'chelsea' -> 'Chelsea'."""
    return text.title() if text.islower() else text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _question(text: str) -> str:
    return _capitalised(text.rstrip(" ?!.")) + "?"
