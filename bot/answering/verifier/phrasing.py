"""Stage phrases the claim reader's lexicon, written for news copy, lacks, read for a sentence
that the reader finds no stage in: "will be Klopp's assistant", "is joining", "the deal is done".

They are read the same way in the model's sentences and in the passages, so a passage that says
"X will be Y's assistant" supports a model that says so too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from ingest.claims.model import About, Claim
from ingest.claims.stage import Stage
from ingest.claims.stages import main_cue

log = logging.getLogger(__name__)

_ROLE = (
    r"(?:manager|boss|coach|head\s+coach|assistant(?:\s+(?:manager|coach))?|number\s+two|"
    r"right-hand\s+man|(?:sporting\s+|technical\s+)?director|captain|chairman|president|successor)"
)
_BEFORE_ROLE = r"\s+(?:\S+\s+){0,3}?" + _ROLE + r"\b"
_TO, _FROM, _AFTER, _ANY = "to", "from", "after", "any"  # which clubs a phrase speaks of
# (pattern, stage, still to come, clubs)
_PHRASES: tuple[tuple[re.Pattern[str], Stage, bool, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), stage, modal, clubs)
    for pattern, stage, modal, clubs in (
        (r"\b(?:could|may|might|can)\s+be" + _BEFORE_ROLE, Stage.INTEREST, True, _AFTER),
        (
            r"\b(?:will|would|'ll|shall|(?:is|are)\s+(?:going\s+)?to)\s+be" + _BEFORE_ROLE,
            Stage.COMPLETED,
            True,
            _AFTER,
        ),
        (
            r"\b(?:is|are)\s+(?:now\s+)?(?:joining|signing\s+for|moving\s+to|heading\s+to|"
            r"going\s+to|off\s+to|returning\s+to|rejoining)\b",
            Stage.COMPLETED,
            True,
            _TO,
        ),
        (r"\b(?:is|are)\s+(?:now\s+)?leaving\b", Stage.COMPLETED, True, _FROM),
        (
            r"\baccept(?:s|ed|ing)?\s+(?:\S+\s+){0,3}?(?:bid|offer|proposal)s?\b",
            Stage.AGREED,
            False,
            _ANY,
        ),
        (
            r"\b(?:before|after|on|and)\s+signing\s+(?:a|an|his|her)\s+(?!new\b)(?:\S+\s+){0,2}?"
            r"(?:contract|deal)\b",
            Stage.COMPLETED,
            True,
            _AFTER,
        ),
        (
            r"\b(?:deal|move|transfer|switch|signing|it)\s+(?:is|was|has\s+been)\s+(?:now\s+)?"
            r"(?:done|complete|completed|finalised|finalized|official|sealed|through)\b|"
            r"\b(?:gone\s+through|done\s+and\s+dusted)\b",
            Stage.COMPLETED,
            False,
            _ANY,
        ),
    )
)


# A club willing to sell: a claim of its own, which talk of a buyer's interest does not support.
_SELLING = re.compile(
    r"\b(?:ready|willing|prepared|open|happy|looking|keen|set|poised|planning|plan|plans|want|"
    r"wants|wanting|decided|agreed|agree|expected)\s+to\s+(?:sell|offload|cash\s+in|sanction|"
    r"let\s+\S+\s+(?:go|leave))\b|\b(?:will|would|could|can)\s+(?:sell|offload|sanction|"
    r"cash\s+in|let\s+\S+\s+(?:go|leave))\b|\bup\s+for\s+sale\b|\bavailable\s+for\s+"
    r"(?:transfer|sale)\b|\bopen\s+to\s+(?:offers|selling|a\s+sale)\b|\btransfer[- ]listed\b|"
    r"\b(?:accept|listen\s+to)\s+offers\b",
    re.IGNORECASE,
)


_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def offers_sale(sentence: str) -> bool:
    """Whether a sentence says a club is willing to sell ("ready to sell", "open to offers")."""
    return any(
        not _NEGATED.search(sentence[max(0, m.start() - 30) : m.start()])
        for m in _SELLING.finditer(sentence)
    )


def extra_claims(
    article_id: str,
    sentence: str,
    person: str,
    clubs: Sequence[tuple[int, str]],
    *,
    read: bool,
) -> list[Claim]:
    """What a sentence claims beyond the claim reader's reading (`read`: it found a claim there):
    an answer phrase's claim, else, when the reader found nothing (nobody it could name, or no
    transfer talk around a cue), the stage the sentence's main cue gives, about `person`."""
    phrased = phrase_claim(article_id, sentence, person, clubs)
    if phrased is not None:
        return [phrased]
    cue = None if read else main_cue(sentence)
    if cue is None:
        return []
    about = About.STAY if cue.stage is Stage.STAYS else About.MOVE
    named = tuple(club for _, club in clubs)
    return [
        Claim(
            article_id,
            0,
            len(sentence),
            sentence,
            person,
            cue.stage,
            False,
            clubs=named,
            cue=cue.text,
            about=about,
        )
    ]


def phrase_claim(
    article_id: str,
    sentence: str,
    person: str = "",
    clubs: Sequence[tuple[int, str]] = (),
) -> Claim | None:
    """The claim a sentence makes with one of these phrases, about `person`; `clubs` are the
    sentence's clubs with where they start ("is joining Leeds": to Leeds). None without one."""
    for pattern, stage, modal, which in _PHRASES:
        match = pattern.search(sentence)
        if match is None:
            continue
        after = [club for start, club in clubs if start >= match.end()]
        named = (
            [club for _, club in clubs]
            if which == _ANY
            else after[: 1 if which in (_TO, _FROM) else None]
        )
        return Claim(
            article_id,
            0,
            len(sentence),
            sentence,
            person,
            stage,
            hedged=modal,
            modal=modal,
            to_club=named[0] if which == _TO and named else "",
            from_club=named[0] if which == _FROM and named else "",
            clubs=tuple(named),
            cue=match.group(),
        )
    return None
