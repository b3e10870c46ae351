"""What the ledger says about a question: the matched claims, the verdict, and what to quote."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answering.answer import Verdict
from bot.answering.questions import Ask, NameIndex, PersonRef, Question, parse_question
from bot.answering.verdict import Judgement, judge, matches
from ingest.claims.gazetteer import Gazetteer, Kind, words
from ingest.core.text.folding import fold
from ingest.ledger.reader import LedgerReader
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)

MAX_QUOTES = 3
REFRESH_SECONDS = 30.0
# Words in a person's "name" that show it is an organisation the name finder took for one.
_ORGANISATION = frozenset(
    "city united town county rovers athletic football group club fc association federation "
    "league cup committee board council academy stadium university school trust".split()
)


@dataclass(frozen=True)
class Finding:
    """The claims about a question's move, the verdict they give, and the ones to quote."""

    question: Question
    judgement: Judgement
    matched: list[StoredClaim] = field(default_factory=list)
    near_miss: str = ""  # "X is in the sources, but never with Y"

    @property
    def verdict(self) -> Verdict:
        """The verdict the claims give."""
        return self.judgement.verdict

    @property
    def shown(self) -> list[StoredClaim]:
        """The claims an answer quotes: the deciding ones, then those that disagree."""
        chosen: list[StoredClaim] = []
        for item in (*self.judgement.decisive, *self.judgement.disagree):
            if all(c.claim.text != item.claim.text for c in chosen):
                chosen.append(item)
        return chosen[:MAX_QUOTES]


class ClaimFinder:
    """Matches questions to the ledger's claims; the names index follows the ledger's revision."""

    def __init__(
        self,
        ledger: LedgerReader,
        gazetteer: Gazetteer,
        is_word: Callable[[str], bool],
        *,
        refresh: Callable[[], None] | None = None,
    ) -> None:
        self.ledger = ledger
        self.gazetteer = gazetteer
        self.is_word = is_word  # whether a folded word is ordinary prose rather than a name
        self.refresh = refresh  # brings the ledger level with the store (cheap when it is)
        self._refreshed = 0.0
        self._names: tuple[int, NameIndex] | None = None
        self._lock = threading.Lock()

    def _follow_store(self) -> None:
        """Catch up with writes made elsewhere, at most once per REFRESH_SECONDS."""
        if self.refresh is None or time.monotonic() - self._refreshed < REFRESH_SECONDS:
            return
        self._refreshed = time.monotonic()
        self.refresh()

    def names(self) -> NameIndex:
        """Everyone the ledger's articles name, with fans' nicknames for them."""
        revision = self.ledger.revision()
        with self._lock:
            if self._names is None or self._names[0] != revision:
                people = [(n, k) for n, k in self.ledger.people() if self._plausible(n)]
                self._names = (revision, NameIndex.build(people, self.gazetteer.people))
            return self._names[1]

    def _plausible(self, name: str) -> bool:
        """A name the finder kept that is no organisation, club or ordinary word."""
        key = fold(name)
        parts = tuple(key.split())
        known = self.gazetteer.table.get(parts)
        if parts in self.gazetteer.ambiguous or (known and known.kind is not Kind.NOT_PERSON):
            return False
        return not self.is_word(key) and not set(parts) & _ORGANISATION

    def spelt_out(self, question: Question) -> str:
        """The question with each resolved name written in full ("haland" -> "Erling Haaland")."""
        tokens = words(question.text)
        names = self.names()
        replaced: dict[int, tuple[int, str]] = {}
        for ref in question.people:
            if ref.keys and ref.spans:
                full = names.full.get(ref.keys[0], ref.said)
                replaced[ref.spans[0]] = (ref.spans[-1], full)
        out: list[str] = []
        i = 0
        while i < len(tokens):
            if i in replaced:
                last, full = replaced[i]
                out.append(full)
                i = last + 1
                continue
            out.append(tokens[i].text)
            i += 1
        return " ".join([*out, *question.clubs])

    def parse(self, text: str) -> Question:
        """The claim pattern of a question."""
        return parse_question(text, self.gazetteer, self.names(), self.is_word)

    def find(self, text: str) -> Finding:
        """The claims about the move a question asks about, and their verdict."""
        self._follow_store()
        question = self.parse(text)
        matched = self._matching(question)
        if question.ask in (Ask.LATEST, Ask.WHO) and not question.clubs and matched:
            matched = _newest_move(matched)
        judgement = judge(question, matched)
        near = "" if judgement.verdict is not Verdict.UNKNOWN else self._near_miss(question)
        return Finding(question, judgement, matched, near)

    def _matching(self, question: Question) -> list[StoredClaim]:
        if not question.people:
            return [c for c in self.ledger.all_claims() if _about_terms(question, c)]
        best: list[StoredClaim] = []
        for ref in question.people:
            if not ref.keys:
                continue
            found = [
                c
                for c in self.ledger.claims_about(ref.keys)
                if matches(question, c.claim, ref.keys)
            ]
            if len(found) > len(best):
                best = found  # the person the claims are about: "souness after owen" is Owen
        return best

    def _near_miss(self, question: Question) -> str:
        """Say what the sources do have when they have nothing about this move."""
        names = self.names()
        # A nickname resolves to a full name whether or not any article names him.
        named = [p for p in question.people if any(k in names.full for k in p.keys)]
        if not named:
            missing = next((_display(names, p) for p in question.people), "")
            return f"The sources never mention {missing}." if missing else ""
        person = _display(names, named[0])
        club = question.club or (question.clubs[0] if question.clubs else "")
        if club:
            return f"{person} is in the sources, but never linked with {club}."
        return f"{person} is in the sources, but not with a move like this."


def _display(names: NameIndex, ref: PersonRef) -> str:
    return names.full.get(ref.keys[0], ref.said) if ref.keys else ref.said


def _about_terms(question: Question, stored: StoredClaim) -> bool:
    """A question that names no person: the club's claims that speak of its other words."""
    if not matches(question, stored.claim):
        return False
    if not question.terms:
        return True
    sentence = fold(stored.claim.text)
    return any(term[:5] in sentence for term in question.terms)


def _newest_move(claims: list[StoredClaim]) -> list[StoredClaim]:
    """The claims of the move the newest claim is about ("latest on X")."""
    newest = max(claims, key=lambda c: c.ts)
    move = newest.claim.to_club
    if not move:
        return claims
    return [c for c in claims if c.claim.to_club == move or move in c.claim.clubs]
