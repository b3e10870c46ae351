"""The checks a sentence of a model's answer must pass against the passages it cites.

Each check returns why the sentence fails, or None. A cited sentence must: quote its passages
verbatim; name only people, clubs, numbers and outlets they name; claim no later stage of a move
than they state for that person and move, and no more surely; credit a claim to the passage's own
outlet or to the outlet the passage credits for it; and say little else they do not. An uncited
sentence may only connect: it names nothing and claims nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from bot.answering.certainty import Certainty, classify
from bot.answering.verifier.hedging import Hedging, no_surer
from bot.answering.verifier.names import person_key, same_person
from bot.answering.verifier.numbers import supported
from bot.answering.verifier.passages import Said, Source
from bot.answering.verifier.phrasing import offers_sale
from bot.answering.verifier.statement import Statement
from ingest.claims.gazetteer import Gazetteer
from ingest.claims.model import Claim
from ingest.claims.stage import Stage
from ingest.claims.stages import find_cues
from ingest.core.text.folding import STOPWORDS, fold, tokenize

log = logging.getLogger(__name__)

# Capitalised words that open an answer's sentences without naming anyone.
_ORDINARY = STOPWORDS | frozenset(
    """according although both despite earlier elsewhere further furthermore however instead
    later meanwhile moreover neither nobody none nothing previously separately since though
    whether while additionally overall reports sources talks negotiations interest personal
    speculation rumours claims news fans yes no""".split()
)
# Words an answer uses to speak of its sources rather than of football.
_META = re.compile(
    r"\b(?:sources?|passages?|articles?|reports?|outlets?|coverage|information|nothing|"
    r"disagree\w*|conflict\w*|unclear|do(?:es)?\s+not\s+(?:say|mention|specify|state)|"
    r"no\s+(?:other|further|more))\b",
    re.IGNORECASE,
)
# "Nothing in the sources says ...", "The passages do not say whether ...": no claim at all.
_SOURCES = r"(?:sources?|passages?|articles?|reports?|outlets?)"
_SAY = r"(?:say|mention|confirm|report|state|suggest|specify|claim)"
_NOT_SAID = re.compile(
    r"^(?:but|however|so|still)?,?\s*(?:"
    rf"(?:nothing\s+in\s+the|none\s+of\s+the|no)\s+{_SOURCES}\s+(?:yet\s+)?{_SAY}\w*"
    rf"|(?:the|these)\s+{_SOURCES}\s+(?:(?:do|does|did|have|has)\s*(?:not|n't)|never)\s+"
    rf"(?:yet\s+)?{_SAY}\w*)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas|while|yet)\b|[;:]", re.IGNORECASE)
# Words that frame a claim rather than add to it: attribution, modality, linking.
_FRAME = frozenset(
    tokenize(
        """according report reports reported reportedly say says said claim claims claimed
        write writes wrote add adds added reveal reveals revealed understand understands
        understood believe believed suggest suggests suggested state states stated outlet paper
        newspaper source sources passage article also however meanwhile currently already
        could might may would possibly potentially perhaps maybe likely unlikely probably
        expected set poised close nearing verge brink due ready preparing prepared primed course
        line pole position apparently allegedly per cent percent fee deal move transfer club
        clubs player side team summer january window season year years month months week weeks
        deadline"""
    )
)
_ROLES_ALIKE = frozenset({"manager", "coach"})
_REPEAT, _REPEAT_WORDS = 0.8, 4  # share and least number of a sentence's words a copy keeps


def check(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Why a cited sentence fails against its passages, or None when it holds."""
    for rule in (quotations, people, clubs, numbers, claims, sale, outlets, words):
        reason = rule(statement, sources, gaz)
        if reason:
            return reason
    return None


def connective(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Why an uncited sentence is more than a link between cited ones, or None.

    "The sources do not say that he has signed." claims nothing; it may name whom the passages
    (`sources`: all of them) name.
    """
    text = statement.text
    not_said = _NOT_SAID.match(text)
    if not_said and not _CONTRAST.search(text, not_said.end()):
        return people(statement, sources, gaz) or clubs(statement, sources, gaz)
    if statement.names.people or statement.names.clubs or statement.names.outlets:
        return "names someone without citing a passage"
    if statement.numbers or statement.quotes:
        return "states a number or a quotation without citing a passage"
    if statement.claims or find_cues(text) or classify(text).label is not Certainty.NEUTRAL:
        return "makes a claim without citing a passage"
    if not _META.search(text) and not text.rstrip().endswith(":"):
        return "says something without citing a passage"
    return None


def quotations(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """A quotation must be word for word in a passage it cites."""
    for quote in statement.quotes:
        needle = _flat(quote).rstrip(" .,;:!?")
        pieces = [p.strip(" .,;:") for p in re.split(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*", needle)]
        texts = [_flat(t) for s in sources for t in s.verbatim]
        if not all(piece and any(piece in t for t in texts) for piece in pieces):
            return f"quotes words its passages do not have: “{quote}”"
    return None


def people(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Everyone it names is named in a cited passage."""
    known = [p for s in sources for p in s.people]
    written = {w for s in sources for w in s.vocabulary}
    for mention in statement.names.people:
        if same_person(mention.key, known) or same_person(person_key(mention.text, gaz), known):
            continue
        if mention.initial and (mention.key[0] in _ORDINARY or mention.key[0] in written):
            continue  # "Talks are ...": a word of the passage, or no name at all
        return f"names {mention.text}, whom {_refs(sources)} never mention"
    return None


def clubs(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Every club and nation it names is named in a cited passage."""
    known = {c for s in sources for c in s.names.clubs}
    known |= {c for s in sources for said in s.claims for c in _clubs(said.claim, wide=True)}
    for club in sorted(statement.names.clubs - known):
        return f"names {club}, which {_refs(sources)} never mention"
    return None


def numbers(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Every fee, age, year and length it states is stated in a cited passage."""
    known = [n for s in sources for n in s.numbers]
    for number in statement.numbers:
        if not supported(number, known):
            return f"states {number.text.strip()}, which {_refs(sources)} do not"
    return None


def claims(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """Each claim is stated in a cited passage for that person and move, at least as far on, and
    at least as surely."""
    for claim, hedging in statement.claims:
        reason = _supported(claim, hedging, sources, gaz)
        if isinstance(reason, str):
            return reason
    return None


def sale(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """A club's willingness to sell is said in a cited passage of that person, or follows from a
    deal the passage says was agreed; a buyer's interest says nothing of it."""
    if not offers_sale(statement.text):
        return None
    who = [person_key(c.person, gaz) for c, _ in statement.claims if c.person]
    who += [m.key for m in statement.names.people]
    for source in sources:
        if any(not who or any(same_person(k, named) for k in who) for named in source.sales):
            return None
        agreed = [
            s.claim
            for s in source.claims
            if not s.claim.stage.negative and s.claim.stage.progress >= Stage.AGREED.progress
        ]
        if any(same_person(k, [person_key(c.person, gaz) for c in agreed]) for k in who):
            return None
    return f"says a club is willing to sell, which {_refs(sources)} do not"


def outlets(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """An outlet it credits is the cited passage's own, or the one the passage credits for it."""
    if not statement.names.outlets:
        return None
    allowed = {o for s in sources for o in s.outlets}
    for claim, hedging in statement.claims:
        found = _supported(claim, hedging, sources, gaz)
        if not isinstance(found, str):
            allowed |= {o for said in found for o in said.credited}
    if not statement.claims:
        allowed |= _credited_nearby(statement, sources)
    for outlet in sorted(o for o in statement.names.outlets if not _same_outlet(o, allowed)):
        own = ", ".join(sorted({s.label for s in sources if s.label})) or "another outlet"
        return f"credits {outlet}, but {_refs(sources)} is {own}"
    return None


def words(statement: Statement, sources: Sequence[Source], gaz: Gazetteer) -> str | None:
    """What it says besides names, numbers and stage words is mostly in its passages: it may
    not bring two or more words of its own that outnumber those it shares."""
    text = statement.text
    taken = [False] * len(text)
    for start, end in [*statement.names.spans, *((c.start, c.end) for c in find_cues(text))]:
        taken[start:end] = [True] * (end - start)
    rest = "".join(" " if gone else ch for ch, gone in zip(text, taken, strict=True))
    said = {w for w in tokenize(rest) if w not in _FRAME and not w[:1].isdigit()}
    known = {w for s in sources for w in s.stems}
    missing = sorted(w for w in said if not _known_word(w, known))
    if len(missing) >= 2 and 2 * len(missing) > len(said):
        return f"says what {_refs(sources)} do not ({', '.join(missing)})"
    return None


def _supported(
    claim: Claim, hedging: Hedging, sources: Sequence[Source], gaz: Gazetteer
) -> list[Said] | str:
    """The passage claims that support a claim, or why there are none: those about the same
    person and move, and those of a passage sentence the model's sentence repeats (which the
    reader, with the whole article around it, may have read for someone else)."""
    about = [
        said
        for s in sources
        for said in s.claims
        if (_same_move(claim, said.claim, gaz) or _repeats(claim.text, said.claim.text))
        and not _reversed(claim, said.claim, gaz)
    ]
    who = claim.person or "anyone"
    if not about:
        return f"claims a move of {who} that {_refs(sources)} never report"
    far = [said for said in about if _as_far(said.claim.stage, claim.stage)]
    if not far:
        best = max(about, key=lambda said: said.claim.stage.progress).claim.stage
        return f"says {who}'s move reached '{claim.stage}' where {_refs(sources)} say '{best}'"
    sure = [said for said in far if no_surer(hedging, said.hedging)]
    if not sure:
        return f"states {who}'s '{claim.stage}' more surely than {_refs(sources)} do"
    return sure


def _same_move(claim: Claim, said: Claim, gaz: Gazetteer) -> bool:
    """Whether a passage claim is about the same person and move as the model's claim."""
    if claim.person and not same_person(
        person_key(claim.person, gaz), [person_key(said.person, gaz)]
    ):
        return False
    if claim.about != said.about:
        return False
    if claim.role and said.role and not _same_role(claim.role, said.role):
        return False
    if claim.to_club and claim.to_club not in (said.to_club, *said.clubs):
        return False
    return _clubs(claim, wide=False) <= _clubs(said, wide=True)


def _reversed(claim: Claim, said: Claim, gaz: Gazetteer) -> bool:
    """Whether the model's move of a person goes the other way round from the passage's."""
    return (
        bool(claim.to_club)
        and claim.to_club != claim.from_club
        and (claim.to_club, claim.from_club) == (said.from_club, said.to_club)
        and same_person(person_key(claim.person, gaz), [person_key(said.person, gaz)])
    )


def _repeats(sentence: str, source: str) -> bool:
    """Whether a sentence repeats a passage sentence: most of its words are that sentence's."""
    said = set(tokenize(sentence)) - _FRAME
    return len(said) >= _REPEAT_WORDS and len(said & set(tokenize(source))) >= _REPEAT * len(said)


def _same_role(one: str, other: str) -> bool:
    return one == other or {one, other} <= _ROLES_ALIKE


def _clubs(claim: Claim, *, wide: bool) -> set[str]:
    found = {claim.to_club, claim.from_club, *claim.clubs, *(claim.context if wide else ())}
    return found - {""}


def _as_far(said: Stage, claimed: Stage) -> bool:
    """Whether a passage's stage covers the model's: as far along, or the same ending."""
    if claimed.negative:
        return said is claimed or (claimed is Stage.DENIED and said.negative)
    return not said.negative and said.progress >= claimed.progress


def _credited_nearby(statement: Statement, sources: Sequence[Source]) -> set[str]:
    """Outlets credited in the passage sentences that share the most words with a sentence."""
    said = set(tokenize(statement.text)) - _FRAME
    best, found = 0, set()
    for source in sources:
        for stems, credited in source.sentences:
            score = len(said & stems)
            if score > best:
                best, found = score, set(credited)
            elif score == best and score:
                found |= credited
    return found


def _same_outlet(outlet: str, allowed: set[str]) -> bool:
    """One of the allowed outlets, or the same title's edition ("Sky Sports News", "Sky Sports")."""
    return any(
        outlet == other or outlet.startswith(other + " ") or other.startswith(outlet + " ")
        for other in allowed
    )


def _known_word(word: str, known: set[str]) -> bool:
    """A word is known when a passage uses it or a form of it ("agreed", "agreement")."""
    return word in known or (len(word) >= 5 and any(k.startswith(word[:5]) for k in known))


def _flat(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return fold(" ".join(text.split()))


def _refs(sources: Sequence[Source]) -> str:
    return "".join(f"[{s.n}]" for s in sources)
