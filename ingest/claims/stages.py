"""The stage a sentence asserts about a move, and whether it is hedged.

A sentence is cut into clauses. Its main claim is the first main clause that carries a stage
cue; subordinate clauses ("who joined PSG in 2019", "after talks broke down") speak only when
the main clauses say nothing about a move. Within a clause the governing (leftmost) cue decides:
"considering a bid" is interest, "had a bid rejected" is a rejection. Near-certainty markers
("set to", "close to", "poised to") hedge the stage that follows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ingest.claims.clauses import Clause, clauses, same_subject
from ingest.claims.cues import (
    ATTRIBUTION,
    FAMILY,
    HEDGE,
    MODAL,
    NOMINAL,
    OUTLET_TAIL,
    REPORTS,
    STAGE_PATTERNS,
    TRANSPARENT,
    WEAK_PATTERN,
)
from ingest.claims.stage import Stage

_CONDITIONAL = re.compile(
    r"(?<!even)\s(?:if|unless|should\s+(?:the|he|she|they|it|his|their|(?-i:[A-Z])))\b",
    re.IGNORECASE,
)
_IF_CLAUSE = re.compile(r"\W*(?:if|unless|should)\b", re.IGNORECASE)
# Possibility, wish or intent before an anticipated move makes it interest ("could ask him to join",
# "has decided to leave").
_POSSIBILITY = re.compile(
    r"\b(?:could|may|might|would\s+like|'d\s+like|wants?|wanted|hopes?|hoping|dreams?|dreaming|wish\w*|willing|open\s+to|prefer\w*|love|"
    r"decided|decides|determined|intends?|intending)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StageCue:
    """One stage word in a sentence."""

    stage: Stage
    start: int
    end: int
    text: str
    negated: bool = False  # a progress cue under "not" ("have not made a bid")
    weak: bool = False  # a description ("new boss X") that speaks only of the person it names


_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_SCOPE_END = re.compile(
    r"\b(?:since|after|because|when|as|that|who|which|before|until|while)\b", re.IGNORECASE
)
_YET_TO = re.compile(r"(?:\byet\s+to|\bnot\s+yet)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def find_cues(text: str) -> list[StageCue]:
    """Stage cues of `text`, leftmost-longest, with negation applied."""
    return list(_cues(text))


@lru_cache(maxsize=256)
def _cues(text: str) -> tuple[StageCue, ...]:
    # A sentence's cues are read twice (its claims, then its main claim): scan it once.
    found = [
        StageCue(stage, m.start(), m.end(), m.group())
        for stage, pattern in STAGE_PATTERNS
        for m in pattern.finditer(text)
    ]
    if not found:
        found = [
            StageCue(Stage.COMPLETED, m.start(), m.end(), m.group(), weak=True)
            for m in WEAK_PATTERN.finditer(text)
        ]
    found.sort(key=lambda c: (c.start, c.start - c.end, FAMILY[c.stage]))
    kept: list[StageCue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    negated = (_negate(text, c) for c in kept)
    return tuple(c for c in negated if c is not None)


_OWN_NEGATION = re.compile(r"\b(?:not|no|n't|never|nowhere|won't)\b", re.IGNORECASE)
_OPTION = re.compile(
    r"(?:\bnot|n't|\bnever)\s+(?:\S+\s+){0,5}?(?:option|chance|opportunity|right)\s+$",
    re.IGNORECASE,
)


def _negate(text: str, cue: StageCue) -> StageCue | None:
    if cue.stage is Stage.STAYS and not _OWN_NEGATION.search(cue.text):
        before = text[max(0, cue.start - 30) : cue.start]
        negator = _NEGATED.search(before)
        if negator and not _SCOPE_END.search(before, negator.start()):
            # "will not sign a new contract": a renewal turned down
            return StageCue(Stage.REJECTED, cue.start, cue.end, cue.text, negated=True)
        return cue
    if cue.stage is Stage.COLLAPSED and not _OWN_NEGATION.search(cue.text):
        before = text[max(0, cue.start - 30) : cue.start]
        negator = _NEGATED.search(before)
        if negator and not _SCOPE_END.search(before, negator.start()):
            # "have not abandoned their interest": the pursuit goes on
            return StageCue(Stage.INTEREST, cue.start, cue.end, cue.text, negated=True)
        return cue
    if cue.stage.negative:
        return cue
    before = text[max(0, cue.start - 30) : cue.start]
    if _YET_TO.search(before):
        return None  # "yet to make an offer" asserts no event
    negator = _NEGATED.search(before)
    if (negator and not _SCOPE_END.search(before, negator.start())) or _OPTION.search(
        text[max(0, cue.start - 60) : cue.start]
    ):
        return StageCue(Stage.DENIED, cue.start, cue.end, cue.text, negated=True)
    return cue


def main_cue(text: str, accept: Callable[[StageCue], bool] | None = None) -> StageCue | None:
    """The cue of the sentence's main claim; `accept` may veto cues that need context."""
    cues = find_cues(text)
    if accept is not None:
        cues = [c for c in cues if accept(c)]
    if not cues:
        return None
    denial = next((c for c in cues if c.stage is Stage.DENIED and not c.negated), None)
    if denial is not None and REPORTS.search(text):
        return denial  # "denied reports that ...": the denial is what the sentence asserts
    parts = clauses(text)

    def inside(clause: Clause) -> list[StageCue]:
        return [c for c in cues if clause.start <= c.start < clause.end]

    chosen: StageCue | None = None
    for clause in (c for c in parts if not c.subordinate):
        found = inside(clause)
        if not found:
            continue
        first = outcome(found)
        if chosen is None:
            chosen = first
        elif same_subject(text, clause) and (
            first.stage.negative
            or (not chosen.stage.negative and first.stage.progress > chosen.stage.progress)
        ):
            chosen = first  # a coordinated verb of the same subject tells the outcome
    if chosen is None:
        background = next((c for c in parts if inside(c)), None)
        if background is None:
            return None
        chosen = outcome(inside(background))
        if (
            _IF_CLAUSE.match(text, background.start)
            and chosen.stage is not Stage.DENIED
            and not REPORTS.search(text, background.start, background.end)
        ):
            # "should he leave Liverpool", "if City fail to land Kane": only a possibility
            # ("if reports of an approach are true" still passes the report on)
            return StageCue(Stage.INTEREST, chosen.start, chosen.end, chosen.text)
    if chosen.stage is Stage.COMPLETED and (
        _CONDITIONAL.search(text, chosen.end) or _possible(text, parts, chosen)
    ):
        # "will leave if ...", "could ask him to join": only possible
        return StageCue(Stage.INTEREST, chosen.start, chosen.end, chosen.text)
    return chosen


def _possible(text: str, parts: list[Clause], cue: StageCue) -> bool:
    """Whether an anticipated move is only wished for or possible in its clause."""
    if not re.match(r"(?:to|will|would)\s", cue.text, re.IGNORECASE):
        return False
    clause = next((c for c in parts if c.start <= cue.start < c.end), None)
    begin = clause.start if clause else 0
    return bool(_POSSIBILITY.search(text, begin, cue.start))


def outcome(found: list[StageCue]) -> StageCue:
    """The governing cue of a clause: the first, unless it names a deal whose fate follows."""
    first = found[0]
    if NOMINAL.match(first.text):
        # "talks over extending his deal" are talks; "a bid ... rejected" is a rejection
        later = next(
            (
                c
                for c in found[1:]
                if c.stage.negative and not (first.stage is Stage.TALKS and c.stage is Stage.STAYS)
            ),
            None,
        )
        if later is not None:
            return later
    return first


# A completion still to come: "to join", "will sign", "close to completing", "is off to".
ANTICIPATED = re.compile(
    r"^(?:to|will|would|close|closing|on\s+the|nearing|signing|(?:is|are|was|were|be)\s+off)\b",
    re.IGNORECASE,
)


def is_hedged(text: str) -> bool:
    """True when the clause does not assert its stage on its own authority."""
    return bool(HEDGE.search(text) or OUTLET_TAIL.search(text) or TRANSPARENT.search(text))


def is_modal(text: str) -> bool:
    """True when the clause only says what may or is expected to happen."""
    return bool(MODAL.search(text) or TRANSPARENT.search(text))


def is_attributed(text: str) -> bool:
    """True when the sentence passes on someone else's report ("reportedly", "according to")."""
    return bool(ATTRIBUTION.search(text))


def cited_outlet(text: str) -> str:
    """The outlet a sentence credits in brackets at its end, e.g. '(Sun)'."""
    match = OUTLET_TAIL.search(text)
    return match.group(1).strip() if match else ""
