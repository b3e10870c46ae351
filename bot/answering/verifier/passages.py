"""What a passage states, read once: its outlet, names, numbers, words, and claims with hedging.

The model saw each passage's header (number, outlet, date, title) and its excerpt, so all of them
count. Instruction-like text inside the excerpt counts for nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from bot.answering.prompting import Passage
from bot.answering.verifier.hedging import Hedging, hedging, passes_on
from bot.answering.verifier.names import Names, find_names, full_name, outlet_of, person_key
from bot.answering.verifier.numbers import Number, find_numbers
from bot.answering.verifier.phrasing import extra_claims, offers_sale
from ingest.claims.extract import read_article
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.instructions import is_instruction, without_instructions
from ingest.claims.model import Claim
from ingest.core.text.folding import fold, tokenize
from ingest.core.text.sentences import split_sentences

log = logging.getLogger(__name__)

_LETTERS = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")  # as the claim reader cuts them


@dataclass(frozen=True)
class Said:
    """One claim a passage makes: how sure it is, and the outlets its sentence credits."""

    claim: Claim
    hedging: Hedging
    credited: frozenset[str]


@dataclass(frozen=True)
class Source:
    """A passage as evidence: everything a sentence citing it may use."""

    n: int
    label: str  # the outlet as the header shows it
    outlets: frozenset[str]  # the passage's own outlet, canonical
    names: Names
    people: tuple[tuple[str, ...], ...]
    named: tuple[str, ...]  # the people as written, the most mentioned first
    numbers: tuple[Number, ...]
    stems: frozenset[str]
    vocabulary: frozenset[str]  # every word it writes, folded ("Sanchez.Local": both)
    claims: tuple[Said, ...]
    verbatim: tuple[str, ...]  # the title and excerpt, for checking quotations
    sentences: tuple[tuple[frozenset[str], frozenset[str]], ...]  # each one's stems and outlets
    sales: tuple[tuple[tuple[str, ...], ...], ...] = ()  # who each "ready to sell" sentence names
    injected: tuple[str, ...] = ()


def read_passage(passage: Passage, gaz: Gazetteer) -> Source:
    """Read a passage as the model saw it, minus any instructions hidden in it."""
    text, injected = without_instructions(passage.text)
    title = "" if is_instruction(passage.title) else passage.title
    if injected:
        log.info("passage [%d] holds instructions, not used as evidence: %r", passage.n, injected)
    header = f"{passage.outlet}. {passage.published[:10]}. {title}."
    names = find_names(f"{header}\n\n{text}", gaz)
    body_text = f"{title}\n\n{text}" if title else text
    reading = read_article(passage.article_id, "", body_text, gaz)
    written = [
        *reading.people,
        *(c.person for c in reading.claims),
        *(m.text for m in names.people),
    ]
    people = {person_key(name, gaz) for name in written} | {m.key for m in names.people}
    body = f"{header}\n\n{text}"
    sentences = _sentences(body_text)
    extra = _extra(passage.article_id, sentences, reading.claims, written, gaz)
    return Source(
        n=passage.n,
        label=passage.outlet,
        outlets=outlet_of(passage.outlet, gaz),
        names=names,
        people=tuple(sorted(p for p in people if p)),
        named=tuple(sorted(set(written), key=lambda name: _prominence(name, reading.people))),
        numbers=tuple(find_numbers(body, names.spans)),
        stems=frozenset(tokenize(body)),
        vocabulary=frozenset(fold(w) for w in _LETTERS.findall(body)),
        claims=tuple(_said(c, gaz) for c in [*reading.claims, *extra]),
        verbatim=(passage.title, *passage.segments()),
        sentences=tuple(_sentence(s, gaz) for s in sentences),
        sales=tuple(_sale(s, reading.claims, gaz) for s in sentences if offers_sale(s)),
        injected=tuple(injected),
    )


def _prominence(name: str, mentions: dict[str, int]) -> tuple[int, int, str]:
    """Most mentioned first (an answer's "he" is likeliest the article's man), full names first."""
    return (-mentions.get(name, 0), -len(name.split()), name)


def _sentences(text: str) -> list[str]:
    """The text's sentences, also cut where scraped text glued two ("understands.The")."""
    return [part for sentence in split_sentences(text) for part in _GLUED.split(sentence) if part]


def _extra(
    article_id: str, sentences: list[str], read: list[Claim], people: list[str], gaz: Gazetteer
) -> list[Claim]:
    """The claims each sentence makes beyond the reader's, read as a model's sentence is read,
    about whom the reader found it to speak of, else the first person it names."""
    found = []
    for sentence in sentences:
        names = find_names(sentence, gaz)
        speaks_of = [c.person for c in read if c.text.strip() == sentence]
        person = speaks_of[0] if speaks_of else full_name(names, people, gaz)
        found += extra_claims(article_id, sentence, person, names.club_starts, read=bool(speaks_of))
    return found


def _sale(sentence: str, read: list[Claim], gaz: Gazetteer) -> tuple[tuple[str, ...], ...]:
    """Whom a sentence offering a sale speaks of: the people it names and its claims' people."""
    keys = {m.key for m in find_names(sentence, gaz).people}
    keys |= {person_key(c.person, gaz) for c in read if c.text == sentence}
    return tuple(sorted(keys))


def _sentence(text: str, gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(tokenize(text)), find_names(text, gaz).outlets


def _said(claim: Claim, gaz: Gazetteer) -> Said:
    """A claim with its hedging and the outlets its sentence (or its paragraph's tail) credits."""
    names = find_names(claim.text, gaz)
    credited = set(names.outlets)
    if claim.says:
        credited |= outlet_of(claim.says, gaz) or {fold(claim.says)}
    how = hedging(
        claim.text,
        claim.cue,
        modal=claim.modal,
        attributed=bool(claim.says) or passes_on(claim.text),
    )
    return Said(claim, how, frozenset(credited))
