"""Cutting a sentence into clauses: main ones, and subordinate ones that only add background."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where a sentence divides into clauses. Subordinate clauses end at the next comma.
_SUBORDINATE = re.compile(
    r",?\s+(?:who|which|whose|whom)\s+|,\s+(?:after|despite|amid|following|since|as|because|although|though|while|whereas|before|when|if|unless|with|having|meaning|leaving|where)\s+|"
    r",\s+(?=(?:sacked|released|signed|linked|wanted|rated|valued|loaned|bought|sold|chased|tracked)\s+by\b)|\s+should\s+(?=(?:the|he|she|they|it|his|their|(?-i:[A-Z]))\b)|"
    r"\s+(?:after|despite|amid|following|because|although|though|whereas|unless|since|before)\s+|\s+as\s+(?=\S+\s+(?:prepare|look|seek|try|continue|sound|weigh|consider|bid|attempt|step|close|face|search|hope|await|explore))|\s+if\s+",
    re.IGNORECASE,
)
# A sentence that opens with a subordinator opens with background ("After leaving Palace, ...").
_LEADING = re.compile(
    r"^\W*(?:after|despite|amid|following|since|although|though|while|whereas|before|once|if|unless|having|with)\b",
    re.IGNORECASE,
)
_COORDINATE = re.compile(r"(?:,|;)?\s+(?:but|and|yet)\s+(?=\S)|;\s+|\s+-\s+|\s+—\s+", re.IGNORECASE)
_COMMA = re.compile(r",\s+")
_SAME_SUBJECT = re.compile(
    r"(?:has|have|had|is|are|was|were|will|would|could|may|might|must|can|also|then|now|still|\w+ed|\w+s)\b",
    re.IGNORECASE,
)


# A verb's telltales: an auxiliary, a past or present participle, or a transfer verb.
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|must|"
    r"should|do|does|did|'s|\w+ed|\w+ing|wants?|joins?|signs?|says?|says|leaves?|bids?|"
    r"plans?|hopes?|insists?|believes?|claims?|remains?|looks?|tells?|told|made|makes?|sold|"
    r"left|won|lost|beat|face|faces|see|sees|saw|eye|eyes|keep|keeps|ready|set|poised)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """A span of a sentence and whether it is subordinate."""

    start: int
    end: int
    subordinate: bool


def clauses(text: str) -> list[Clause]:
    """The sentence cut at subordinate and coordinate markers; a marker opens its clause."""
    cuts: list[tuple[int, bool | None]] = []  # (cut position, subordinate?; None ends one)
    if _LEADING.match(text) and _COMMA.search(text):
        cuts.append((0, True))
    cuts += [(m.start(), True) for m in _SUBORDINATE.finditer(text)]
    cuts += [(m.start(), False) for m in _COORDINATE.finditer(text)]
    cuts += [(m.start(), None) for m in _COMMA.finditer(text)]
    cuts.sort(key=lambda c: (c[0], c[1] is None))
    found: list[Clause] = []
    start, sub = 0, False
    for at, kind in cuts:
        if at <= start:
            if kind is not None and at == start:
                sub = kind or (sub and not _new_main(text, at))
            continue
        if kind is None:
            if not sub:
                continue  # a comma inside a main clause changes nothing
            found.append(Clause(start, at, sub))
            start, sub = at, False
            continue
        if kind is False and not sub and _joins_names(text, start, at):
            continue  # "Manchester City, Chelsea and United are ...": one subject, not two clauses
        found.append(Clause(start, at, sub))
        # A comma before "and"/"but" closes a subordinate clause; without one it continues it.
        closes = text[at] in ",;"
        sub = kind or (sub and not closes and not _new_main(text, at))
        start = at
    found.append(Clause(start, len(text), sub))
    return [c for c in found if c.end > c.start]


def _joins_names(text: str, start: int, at: int) -> bool:
    """Whether an "and" only joins names: no verb between the clause start and the "and"."""
    return text[at:].lstrip(" ,").lower().startswith("and ") and not _VERB.search(text, start, at)


def _new_main(text: str, at: int) -> bool:
    """Whether a coordinated clause after a subordinate one has its own subject (a main clause)."""
    rest = _COORDINATE.match(text, at)
    begin = rest.end() if rest else at
    return not _SAME_SUBJECT.match(text, begin)


def same_subject(text: str, clause: Clause) -> bool:
    """Whether a coordinated clause keeps the previous subject ("... but failed to")."""
    rest = _COORDINATE.match(text, clause.start)
    return rest is not None and bool(_SAME_SUBJECT.match(text, rest.end()))
