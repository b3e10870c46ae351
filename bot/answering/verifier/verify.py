"""Verify a model's answer or round-up sentence by sentence; a failing sentence is dropped whole.

Nothing is rewritten: a sentence either holds against the passages it cites, as the model wrote
it (less any citation to a passage that does not exist), or it goes, and the reason is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.answering.prompting import Passage
from bot.answering.verifier.checks import check, connective
from bot.answering.verifier.names import person_key, same_person
from bot.answering.verifier.passages import Source, read_passage
from bot.answering.verifier.reply import cited_numbers, keep_markers, lines, numbers_of, plain
from bot.answering.verifier.statement import read_statement
from ingest.claims.gazetteer import Gazetteer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dropped:
    """A sentence of the model's text that did not hold, and why."""

    sentence: str
    reason: str


@dataclass(frozen=True)
class Kept:
    """A sentence that held: the passages it cites and the people it speaks of."""

    sentence: str
    cited: tuple[int, ...]
    people: tuple[tuple[str, ...], ...]


@dataclass
class Verified:
    """The model's text less the sentences that failed."""

    text: str = ""
    kept: list[Kept] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def cited(self) -> list[int]:
        """The citation numbers the text still uses, in order of first use."""
        return cited_numbers(self.text)


def verify(text: str, passages: Sequence[Passage], gaz: Gazetteer) -> Verified:
    """Check every sentence of `text` against the passages it cites; keep those that hold."""
    checker = _Checker(passages, gaz)
    out: list[str] = []
    for line in lines(text):
        kept: list[str] = []
        before: list[str] = []  # the line's earlier sentences, for "he" and "the club"
        for sentence in line.sentences:
            held = checker.check(sentence, before)
            before.append(plain(sentence))
            if held is not None:
                kept.append(held)
        if kept:
            out.append(line.prefix + " ".join(kept))
        elif not line.sentences and out and out[-1]:
            out.append("")
    checker.result.text = "\n".join(out).strip()
    return checker.result


class _Checker:
    """The passages of one text, each read once, and what the text's sentences came to."""

    def __init__(self, passages: Sequence[Passage], gaz: Gazetteer) -> None:
        self.by_number = {p.n: p for p in passages}
        self.gaz = gaz
        self.read: dict[int, Source] = {}
        self.result = Verified()

    def sources(self, numbers: Iterable[int]) -> list[Source]:
        """The passages with these numbers, read."""
        for n in numbers:
            if n not in self.read:
                self.read[n] = read_passage(self.by_number[n], self.gaz)
        return [self.read[n] for n in numbers]

    def check(self, sentence: str, before: list[str]) -> str | None:
        """The sentence as it may be shown, or None when it goes (logged with the reason)."""
        numbers = numbers_of(sentence)
        valid = [n for n in numbers if n in self.by_number]
        if numbers and not valid:
            self._drop(sentence, f"cites {_refs(numbers)}, which no passage has")
            return None
        said = plain(sentence)
        cited = self.sources(valid)
        statement = read_statement(said, before, cited, self.gaz)
        if cited:
            reason = check(statement, cited, self.gaz)
        else:
            reason = connective(statement, self.sources(self.by_number), self.gaz)
        if reason:
            self._drop(sentence, reason)
            return None
        people = {m.key for m in statement.names.people}
        people |= {person_key(c.person, self.gaz) for c, _ in statement.claims if c.person}
        self.result.kept.append(Kept(said, tuple(valid), tuple(sorted(people))))
        return keep_markers(sentence, set(valid))

    def _drop(self, sentence: str, reason: str) -> None:
        self.result.dropped.append(Dropped(sentence, reason))
        log.info("dropped from the model's text (%s): %s", reason, sentence)


def _refs(numbers: Iterable[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


def covers(verified: Verified, cited: Iterable[int], people: Iterable[str], gaz: Gazetteer) -> bool:
    """Whether a kept sentence cites one of `cited` and speaks of one of `people` (any, if none)."""
    numbers = set(cited)
    keys = [person_key(p, gaz) for p in people if p]
    return any(
        numbers & set(kept.cited) and (not keys or any(same_person(k, kept.people) for k in keys))
        for kept in verified.kept
    )
