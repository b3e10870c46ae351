"""How sure a sentence is of a claim, read the same way for the model's sentences and the sources.

A claim is stated as possible ("could join"), as likely ("set to join", "expected to"), as a
forecast ("will join", "to join"), or as fact; and it is attributed or not ("reportedly",
"according to", "Kicker claim", "(Sun)"). A model's sentence may not be surer than its source:
"will" and "set to" do not hedge a source's "could", and an attribution alone does not hedge a
source's "could" either, though it does carry a source's own attribution ("Kicker claim ...").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import IntEnum

from bot.answering.certainty import hedge_cues
from ingest.claims.clauses import clauses
from ingest.claims.cues import ATTRIBUTION, OUTLET_TAIL

log = logging.getLogger(__name__)


class Strength(IntEnum):
    """How sure a clause is of its claim, weakest first."""

    POSSIBLE = 0
    LIKELY = 1
    FORECAST = 2
    FACT = 3


_POSSIBLE = re.compile(
    r"\b(?:could(?!\s+not|n't)|might|(?-i:may)(?!\s+\d)|would|possibl[ey]|potentially|perhaps|"
    r"maybe|if|unless|whether|option|chance)\b",
    re.IGNORECASE,
)
_LIKELY = re.compile(
    r"\b(?:set|poised|expected|due|likely|unlikely|probably|ready|preparing|prepared|primed|about|"
    r"on\s+course|in\s+line|in\s+pole\s+position)\s+to\b|\b(?:likely|probably|expected|prepar(?:e|es|ing)|"
    r"close\s+to|closing\s+in|nearing|on\s+the\s+(?:verge|brink|point)|edging\s+closer|all\s+but|"
    r"anticipated|imminent)\b",
    re.IGNORECASE,
)
_FORECAST = re.compile(r"\b(?:will|won't|'ll|shall|is\s+to|are\s+to)\b", re.IGNORECASE)
_REPORTED = re.compile(
    r"\b(?:reports?|reported|reportedly|writes|wrote|adds|added|reveals?|revealed|understands?|"
    r"(?:is|are|was|were)\s+(?:said|thought|believed|understood|told)\s+to|"
    r"(?:outlet|paper|newspaper|broadcaster|report|sources?|insiders?|journalist|reporter)s?\s+"
    r"(?:says?|said|claims?|claimed|suggests?|insists?|believes?))\b",
    re.IGNORECASE,
)
# Forms that sound hedged but are surer than a source's "could": never rumour words of their own.
_STRONG = re.compile(
    r"\b(?:set|poised|tipped|due|close|nearing|verge|brink|all\s+but|almost\s+certain|expected|"
    r"likely|will)\b",
    re.IGNORECASE,
)
_SAYS = re.compile(r"\s*(?:says?|said|claims?|claimed|insists?|believes?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hedging:
    """How sure a sentence is of one claim, and whether it passes on someone else's word."""

    strength: Strength
    attributed: bool
    rumoured: bool = False  # rumour words hedge it: "linked", "keen", "in talks", "bid"


def scope(sentence: str, cue: str) -> str:
    """The clause that holds a claim's cue: modality in another clause does not reach it."""
    at = sentence.find(cue) if cue else -1
    if at < 0:
        return sentence
    parts = clauses(sentence)
    for i, clause in enumerate(parts):
        if clause.start <= at < clause.end:
            begin = i
            while begin > 0 and _shares_subject(sentence, parts[begin].start):
                begin -= 1  # "could make a bid and sign him": the "could" reaches "sign"
            return sentence[parts[begin].start : clause.end]
    return sentence


_NO_SUBJECT = re.compile(
    r"(?:,|;)?\s+(?:and|or|but|then)\s+(?!(?:he|she|they|it|we|i|you|the|his|her|their|its|a|an)\b)"
    r"(?-i:[a-z])",
    re.IGNORECASE,
)


def _shares_subject(sentence: str, at: int) -> bool:
    """Whether the clause at `at` goes on with the previous clause's subject ("... and sign")."""
    return bool(_NO_SUBJECT.match(sentence, at))


def hedging(sentence: str, cue: str = "", *, modal: bool = False, attributed: bool) -> Hedging:
    """How sure `sentence` is of the claim its `cue` gives; `modal` is the claim reader's word
    that the claim is still to come ("to join")."""
    text = scope(sentence, cue)
    if _POSSIBLE.search(text):
        strength = Strength.POSSIBLE
    elif _LIKELY.search(text):
        strength = Strength.LIKELY
    elif modal or _FORECAST.search(text):
        strength = Strength.FORECAST
    else:
        strength = Strength.FACT
    rumoured = any(not _STRONG.search(c.text) for c in hedge_cues(text))
    return Hedging(strength, attributed, rumoured)


def passes_on(sentence: str) -> bool:
    """Whether a source sentence passes on someone else's word, as the claim reader reads it:
    "reportedly", "according to", "Kicker claim", "(Sun)"; an outlet's "X, Sky Sports reports"
    about its own story is its own word."""
    return bool(ATTRIBUTION.search(sentence) or OUTLET_TAIL.search(sentence))


def credits(sentence: str, outlet_ends: tuple[int, ...] = ()) -> bool:
    """Whether a model's sentence credits its claim to someone: the reader's attributions, and
    also "Sky Sports report", "the outlet says", "is said to"."""
    return bool(
        passes_on(sentence)
        or _REPORTED.search(sentence)
        or any(_SAYS.match(sentence, end) for end in outlet_ends)
    )


def no_surer(model: Hedging, source: Hedging) -> bool:
    """Whether the model's sentence is no surer of a claim than its source sentence: no
    stronger, and a source's attribution kept, or the claim told in rumour words (the certainty
    detector's hedges: "keen", "linked", "in talks")."""
    if model.strength > source.strength:
        return False
    return not (
        source.attributed
        and source.strength >= Strength.FORECAST
        and model.strength == source.strength
        and not (model.attributed or model.rumoured)
    )
