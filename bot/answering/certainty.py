"""Lexical certainty detection for football news sentences.

A sentence is scanned for cues of three families: hedges/attributions (a rumour is being
reported), denials and confirmations.  Overlapping cues are resolved leftmost-longest, so a
negated form ("has not signed", "refused to confirm", "not ruled out") shadows the bare cue it
contains.  The label is then: any denial -> DENIED, else any hedge -> REPORTED (a hedged
confirmation such as "could sign" is never CONFIRMED), else any confirmation -> CONFIRMED,
else NEUTRAL.

`is_uncertain` answers the Szeged-corpus question "does this sentence speculate?" with the
epistemic hedges plus general speculation cues.  It leaves out attributions ("according to",
"claims") and football intent words ("target", "interest", "tracks"), which that corpus does
not annotate and which are literal outside transfer news (measured: they cost precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Certainty(StrEnum):
    CONFIRMED = "confirmed"
    DENIED = "denied"
    REPORTED = "reported"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Cue:
    text: str
    start: int
    end: int
    kind: Certainty


@dataclass(frozen=True)
class SentenceCertainty:
    label: Certainty
    cues: tuple[Cue, ...]

    @property
    def hedged(self) -> bool:
        """True when the sentence reports something unconfirmed."""
        return self.label is Certainty.REPORTED


_NEG = r"(?:not|n't|never|no\s+longer)"


def _alts(block: str) -> list[str]:
    # Patterns are whitespace-separated (they match spaces with \s); <NEG> is a negator.
    return block.replace("<NEG>", _NEG).split()


# Attributions: the source, not the sentence, vouches for the claim.  The last pattern is a
# cited outlet in brackets closing the sentence: "(Sun)", "(www.dailymail.co.uk)".
_ATTRIBUTION = _alts(r"""
    reported(?:ly)? reports?\s+(?:claim|suggest|say|said|state)\w* a\s+report
    claim(?:s|ed|ing)? according\s+to sources?(?:\s+\w+)?\s+(?:say|said|claim)\w*
    it\s+is\s+understood (?:is|are)\s+understood\s+to understands we\s+understand
    (?:is|are|was|were)\s+said\s+to (?:is|are|was|were)\s+told (?:has|have)\s+learn[td]
    (?<=\s)\((?:(?:https?://)?[\w-]+(?:\.[\w-]+)+/?|(?-i:[A-Z])[^\W\d_][^\W\d]*(?:[.&'\x20-]+[^\W\d]+){0,5})\)(?=\s*\.?\s*$)
""")
# Epistemic hedges shared by both detectors: modality, belief, expectation and rumour words.
# Modal "may" is lower case, or capitalised only sentence-initially, and never a date.
_EPISTEMIC = _alts(r"""
    could(?!\s+not|n't) (?-i:may|(?<![\s\S])May)(?!\s+\d) might perhaps probably maybe
    (?:thought|believed|expected|likely|unlikely)\s+to (?:is|are|was|were|widely)\s+thought
    thought(?=\s+(?:to|that|of|as|by)) rumou?r(?:s|ed)? speculat\w* suggest(?:s|ed|ing|ions?)?
    likely possibly potentially reportedly reputedly presum(?:e|ed|es|ably|ption)
    (?:it\s+is|it's|it\s+was|is|was|also|quite|very|entirely)\s+possible
    possible\s+(?:that|explanation|reason|cause|origin|link|source) possibilit(?:y|ies)
    likelihood (?:is|was|it's|seems|highly)\s+(?:im)?probable almost\s+certain(?:ly)?
    suppos(?:e|es|ed|edly) alleg(?:e|es|ed|edly|ing|ations?) seem(?:s|ed|ing|ingly)?
    appear(?:s|ed)?\s+to it\s+appears believ(?:e|es|ed|ing) belief\s+that think(?:s|ing)?
    expect(?:s|ed|ing)? anticipat(?:e|es|ed|ing) whether unless unclear uncertain\w*
    tentative(?:ly)?
    not\s+(?:yet\s+|well\s+|fully\s+|entirely\s+)?(?:clear|known|understood|certain)
    far\s+from\s+(?:clear|certain) no\s+(?:confirmation|consensus) remains\s+to\s+be\s+seen
    (?<!no\s)(?<!without\s)doubt(?:s|ed|ful|ing)? fear(?:s|ed)?\s+that
""")
# Football rumour vocabulary: intent, interest and pending deals (literal in other domains),
# and "would", too often narrative in general prose ("would later become").
_FOOTBALL = _alts(r"""
    would(?!\s+(?:later|go\s+on|eventually|often|usually|soon|become|always|also|then))
    (?<!even\s)(?<!as\s)if (?:set|poised|tipped|scheduled|preparing)\s+to
    due\s+to\s+(?:sign|join|complete|undergo|hold|meet|agree) linked(?:\s+(?:with|to))?
    (?:in\s+)?(?:advanced\s+)?talks discuss(?:es|ed|ing|ions?)? eye(?:s|ing|d)
    monitor(?:s|ing|ed)? keep(?:s|ing)?\s+(?:tabs|track|an\s+eye) consider(?:s|ing|ation)
    weigh(?:s|ing)?\s+up interest(?:ed)? keen target(?:s|ed|ing)? plot(?:s|ting) chas(?:e|es|ing)
    track(?:s|ing) want(?:s|ed|ing)?(?:\s+to)? hop(?:e|es|ing|eful) confident unsure
    (?:ready|prepared|willing|looking|aiming|seeking|trying|battling|attempting|eager|open)\s+to
    plan(?:s|ning)?\s+to contemplat\w* subject\s+to\s+a\s+medical close\s+to nearing
    (?:have|has|had|undergo\w*|complet\w*|pass\w*|book\w*|for)\s+a\s+(?:\S+\s+)?medical
    on\s+the\s+(?:verge|brink) possible potential race\s+(?:to|for) in\s+the\s+(?:running|frame)
    favourites?\s+to front-?runners? on\s+(?:the|their|his)\s+radar bid(?:s|ding)?\s+(?:to|for)
    working\s+on move\s+for swoop clos(?:e|ing)\s+in pushing\s+for hijack\w* all\s+but\s+done
    (?:launch\w*|make|made|making)\s+an?\s+(?:\S+\s+)?(?:move|bid|approach)
    (?:danger|risk|threat)\s+of offer(?:s|ed)?\s+(?:a|an|to) accept\s+or\s+reject
    will\s+(?:sign|join|leave|move|sack|replace|return|be\s+(?:sacked|appointed|named|sold))
    could\s+not\s+confirm refused\s+to\s+(?:confirm|comment|deny) unconfirmed
    (?:(?:has|have|had)\s+)?confirm(?:s|ed)?\s+(?:that\s+)?(?:\S+\s+){0,5}?(?:bid|offer|approach|talks|interest|enquiry|inquiry)
    <NEG>\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|finalised|finalized|completed)
    yet\s+to\s+(?:sign|agree|complete|decide|respond|be\s+(?:confirmed|signed))
    no\s+deal\s+has\s+(?:yet\s+)?been\s+(?:agreed|done|finalised|reached)
    <NEG>\s+(?:yet\s+)?signed\s+(?:yet|as\s+yet) has\s+not\s+yet\s+signed
    <NEG>\s+(?:been\s+)?rul(?:ed|e|ing)\s+out <NEG>\s+den(?:y|ied|ies) <NEG>\s+turn(?:ed)?\s+down
    <NEG>\s+(?:yet\s+)?(?:made|reached|taken)\s+a\s+(?:final\s+)?decision
""")
# General speculation cues of the Szeged annotation, too loose for football verdicts.
_SPECULATION = _alts(r"""
    if consider(?:ed|s)? regard(?:ed|s)?(?:\s+\S+){0,3}?\s+as (?:seen|viewed)\s+as view\s+that
    idea\s+that impl(?:y|ies|ied|ying) indicat(?:e|es|ing|ive) assum(?:e|es|ed|ing|ption)
    hypothe\w* putative questionable dubious accus(?:e|es|ed|ing|ations?) (?:no|little)\s+evidence
    little\s+is\s+known conceivabl[ey] predict(?:s|ed|ing)? foresee(?:s|n)?
    suspected\s+(?:of|to|that)
""")
# The first pattern leaves out the match-report sense ("the keeper denied him").
_DENIAL = _alts(r"""
    (?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)den(?:y|ies|ied|ying)(?!\s+(?:him|her|them|his|their|the\s+same|a\s+(?:winner|goal|penalty)))
    denials? reject(?:s|ed|ing)? rul(?:e|es|ed|ing)\s+out (?<!not\sto\s)turn(?:s|ed|ing)?\s+down
    dismiss(?:es|ed|ing)?(?:\s+\w+){0,2}?\s+(?:reports?|speculation|talk|rumou?rs?|suggestions?|claims?|links?)
    quash(?:es|ed|ing)?(?:\s+\w+)?\s+(?:speculation|rumou?rs?|talk|reports?)
    not\s+for\s+sale no\s+(?:contact|intention|truth|offer|talks|interest) no\s+chance\s+(?:of|that)
    not\s+interested (?:has|have)\s+no\s+plans (?:is|am|are|will\s+be)\s+staying
    insist(?:s|ed|ing)?\b[^.;]{0,60}?\b(?:not|no|n't)\b(?:\s+\w+)? nonsense not\s+going\s+anywhere
    <NEG>\s+(?:\w+\s+)?(?:be\s+)?leaving
    <NEG>\s+(?:currently\s+)?in\s+(?:talks|discussions?|negotiations?)
    (?:do|does|did)\s*(?:not|n't)\s+(?:want|expect|intend|plan)\s+(?:\S+\s+)?to
    (?:do|does|did)\s*(?:not|n't)\s+(?:think|feel|see|believe)\b[^.;]{0,40}?\b(?:leav\w*|sign\w*|join\w*|sell\w*|go|going|mov\w*|bring\w*|buy\w*|necessary|need\w*)
    (?:has|have|had|did|will|would)\s*<NEG>\s+(?:sign|signed|join|joined|agree|agreed)
    (?:won't|never)\s+(?:sign|join) pull(?:s|ed)?\s+out <NEG>\s+(?:planning|looking)\s+(?:on|to)
    (?:will|would)\s*<NEG>\s+(?:be\s+)?(?:allow\w*|let|sell\w*|sanction\w*|return\w*)
    refus(?:e|es|ed|ing)\s+to\s+(?:sell|let|allow|sanction|sign|join)
    block(?:s|ed|ing)?(?:\s+\S+){0,3}?\s+(?:move|exit|transfer|departure)
    (?:talks|move|deal|bid|switch)(?:\s+\S+){0,4}?\s+(?:has\s+|have\s+)?(?:broken\s+down|broke\s+down|collapsed|fell\s+through)
""")
_CONFIRMATION = _alts(r"""
    signed
    complet(?:ed|es|e|ing)(?:\s+\S+){0,4}?\s+(?:move|transfer|signing|deal|switch|loan|capture|purchase)
    completion appointed sacked (?:was|been|be|got|being)\s+fired fired\s+(?:as|by) resign(?:ed|s)
    (?:has|have)\s+joined joined agree[ds]?\s+(?:\S+\s+){0,3}?(?:deal|contract|terms|fee|extension)
    agreeing\s+(?:\S+\s+){0,3}?(?:deal|contract|terms|extension) end(?:s|ed)?\s+speculation
    agreed\s+to\s+(?:sell|sign|join|buy|loan) reached\s+(?:an?\s+)?(?:agreement|deal) announced
    officially (?:has|have|had|been|was|were|is|are|club|today)\s+confirmed
    confirm(?:ed|s)\s+(?:that|as)
    confirm(?:ed|s)?\s+(?:(?:the|his|her|their|a)\s+)?(?:\S+\s+)?(?:signing|appointment|departure|move|transfer|deal|arrival|exit|sale|loan|news)
    confirmation (?:delighted|pleased|happy|proud)\s+to\s+(?:announce|confirm|welcome) can\s+confirm
    terminat(?:ed|es) unveiled put\s+pen\s+to\s+paper
    (?:penned|inked)\s+(?:\S+\s+){0,4}?(?:deal|contract|extension)
    (?:has|have)\s+left(?!\s+(?:a|an|it|us|him|her|them|out|behind|\S+\s+out)) parted\s+company
    (?:made|makes)\s+(?:his|her)\s+debut debut\s+goal first\s+goal\s+for
    since\s+(?:his|her|their)(?:\s+\S+){0,3}?\s+(?:move|arrival|switch)
    since\s+(?:joining|arriving|signing)
    is\s+(?:now\s+|therefore\s+|officially\s+)*a\s+new took\s+charge
    named\s+(?:as\s+)?(?:the\s+)?new
    extended\s+(?:his|her|their)\s+contract
""")


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


_FAMILIES: tuple[tuple[Certainty, re.Pattern[str]], ...] = (
    (Certainty.DENIED, _compile(_DENIAL)),
    (Certainty.REPORTED, _compile(_ATTRIBUTION + _EPISTEMIC + _FOOTBALL)),
    (Certainty.CONFIRMED, _compile(_CONFIRMATION)),
)
_UNCERTAIN = _compile(_EPISTEMIC + _SPECULATION)


def _find_cues(sentence: str) -> list[Cue]:
    found = [
        Cue(m.group(), m.start(), m.end(), kind)
        for kind, pattern in _FAMILIES
        for m in pattern.finditer(sentence)
    ]
    # Leftmost, then longest, cue wins an overlap: "has not signed" shadows "signed".
    found.sort(key=lambda c: (c.start, c.start - c.end))
    kept: list[Cue] = []
    for cue in found:
        if not kept or cue.start >= kept[-1].end:
            kept.append(cue)
    return kept


def classify(sentence: str) -> SentenceCertainty:
    """Label a sentence confirmed / denied / reported / neutral from its lexical cues."""
    cues = tuple(_find_cues(sentence))
    kinds = {c.kind for c in cues}
    for label in (Certainty.DENIED, Certainty.REPORTED, Certainty.CONFIRMED):
        if label in kinds:
            return SentenceCertainty(label, cues)
    return SentenceCertainty(Certainty.NEUTRAL, cues)


def hedge_cues(sentence: str) -> list[Cue]:
    """Return only the hedge/attribution cues of a sentence, in order.

    A bare future ("will join") makes a sentence a report rather than a confirmation, but it
    hedges nothing: it is exactly what an answer must not turn "could join" into.
    """
    return [
        c
        for c in _find_cues(sentence)
        if c.kind is Certainty.REPORTED and not c.text.lower().startswith("will")
    ]


def is_uncertain(sentence: str) -> bool:
    """True when the sentence has an epistemic hedge or a general speculation cue (Szeged sense)."""
    return _UNCERTAIN.search(sentence) is not None
