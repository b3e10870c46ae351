"""A sentence of a model's answer, read with the claim reader: names, numbers, quotes, claims.

The sentence is read as the claim reader reads an article, after the answer's earlier sentences
(so "he" is whoever they spoke of) and with the cited passages' names known, so "Kroos" is
"Toni Kroos" and "City" is the Manchester City the passages name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answering.verifier.hedging import Hedging, credits, hedging
from bot.answering.verifier.names import Names, find_names, full_name
from bot.answering.verifier.numbers import Number, find_numbers
from bot.answering.verifier.passages import Source
from bot.answering.verifier.phrasing import extra_claims
from ingest.claims.extract import read_article
from ingest.claims.gazetteer import Gazetteer, words
from ingest.claims.model import Claim

log = logging.getLogger(__name__)

_QUOTED = re.compile(
    r'"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+?)’(?![a-z])|(?<![\w’\'])\'(?=\S)([^\'\n]+?)(?<=\S)\'(?![\w])'
)
REPLY_ID = "reply"


@dataclass(frozen=True)
class Statement:
    """What one sentence of the answer says, as the checks need it."""

    text: str  # without its [n] markers
    names: Names
    numbers: tuple[Number, ...]
    quotes: tuple[str, ...]
    claims: tuple[tuple[Claim, Hedging], ...]


def read_statement(
    text: str, before: Sequence[str], sources: Sequence[Source], gaz: Gazetteer
) -> Statement:
    """Read one sentence (markers removed) after the `before` sentences of its paragraph."""
    clubs = {c for s in sources for c in s.names.clubs}
    names = find_names(text, gaz, known_clubs=clubs, sentence=True)
    return Statement(
        text=text,
        names=names,
        numbers=tuple(find_numbers(text, names.spans)),
        quotes=tuple(next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)),
        claims=tuple(
            (c, _hedging(c, text, names)) for c in _claims(text, names, before, sources, gaz)
        ),
    )


def _claims(
    text: str, names: Names, before: Sequence[str], sources: Sequence[Source], gaz: Gazetteer
) -> list[Claim]:
    """The claims the sentence makes, by the stage reader and the answer phrases; a stage with
    nobody the reader can name ("Talks are under way.") is a claim about the first person named,
    or about anyone."""
    known = dict.fromkeys(name for s in sources for name in s.named)
    clubs = dict.fromkeys(c for s in sources for c in sorted(s.names.clubs))
    title = ", ".join([*known, *clubs])
    lead = "\n\n".join(before)  # a paragraph each: "£50m. City" is two sentences here
    offset = len(lead) + 2 if lead else 0
    reading = read_article(REPLY_ID, title, f"{lead}\n\n{text}" if lead else text, gaz)
    spoken = {w.key for w in words(f"{lead} {text}")}
    found = [
        replace(c, start=c.start - offset, end=c.end - offset, person=_named(c.person, spoken))
        for c in reading.claims
        if c.start >= offset
    ]
    person = found[0].person if found else full_name(names, known, gaz)
    return found + extra_claims(REPLY_ID, text, person, names.club_starts, read=bool(found))


def _named(person: str, spoken: set[str]) -> str:
    """The person, if the answer has named them; the names list is no headline, and what the
    reader takes from it for a sentence that names nobody is a claim about anyone."""
    return person if {w.key for w in words(person)} & spoken else ""


def _hedging(claim: Claim, text: str, names: Names) -> Hedging:
    attributed = bool(claim.says) or credits(text, names.outlet_ends)
    return hedging(text, claim.cue, modal=claim.modal, attributed=attributed)
