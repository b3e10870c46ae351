"""Where the verdict is decided: pick the evidence an answer shows, then judge it.

Both composers (extractive and LLM) answer from the same selection, so their verdicts agree.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from bot.answering.answer import CONFLICT_PREFIX, Citation, Verdict
from bot.answering.certainty import Certainty
from bot.answering.evidence import Evidence

log = logging.getLogger(__name__)

_ABOUT_A_MOVE = re.compile(
    r"\b(sign|join|move|transfer|bid|deal|loan|fee|contract|target|offer|approach|swoop|talks|"
    r"leav|exit|switch|replac|appoint|sack|quit|resign|job|staff|assistant|coach|manager)\w*",
    re.IGNORECASE,
)

_MAX_QUOTES = 3
_PER_ARTICLE = 2
_KEEP_RATIO = 0.75  # a further quote must be this relevant compared with the best one
LABEL_TO_VERDICT = {
    Certainty.CONFIRMED: Verdict.CONFIRMED,
    Certainty.DENIED: Verdict.DENIED,
    Certainty.REPORTED: Verdict.REPORTED,
    Certainty.NEUTRAL: Verdict.REPORTED,  # never upgrade: an unhedged aside is still a report
}


@dataclass(frozen=True)
class Selection:
    """The quotes an answer uses, their citations, and the verdict they support."""

    quotes: list[tuple[Evidence, int]]  # evidence and its citation number
    citations: list[Citation]
    verdict: Verdict
    conflict: bool


def select(evidence: list[Evidence]) -> Selection:
    """Pick the best quotes (several outlets where possible) and compute the verdict from them."""
    if not evidence:
        return Selection([], [], Verdict.UNKNOWN, False)
    best = evidence[0].relevance
    window = [e for e in evidence if e.relevance >= best * _KEEP_RATIO]
    # The strongest confirmation and denial in reach are always shown: they decide the verdict.
    chosen = [window[0]]
    for label in (Certainty.CONFIRMED, Certainty.DENIED):
        decisive = next((e for e in window if e.decisive is label), None)
        if decisive is not None and decisive not in chosen:
            chosen.append(decisive)
    per_article = Counter(e.article.id for e in chosen)
    # Then prefer distinct articles; a second pass lets a strong article add a sentence.
    for limit in (1, _PER_ARTICLE):
        for item in window:
            if len(chosen) >= _MAX_QUOTES:
                break
            if item in chosen or per_article[item.article.id] >= limit:
                continue
            chosen.append(item)
            per_article[item.article.id] += 1
    chosen.sort(key=lambda e: -e.relevance)
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    quotes: list[tuple[Evidence, int]] = []
    for item in chosen:
        if item.article.id not in numbers:
            numbers[item.article.id] = len(numbers) + 1
            citations.append(Citation.of(numbers[item.article.id], item.article, item.text))
        quotes.append((item, numbers[item.article.id]))
    verdict, conflict = decide(chosen)
    if verdict is Verdict.UNKNOWN:
        return Selection([], [], verdict, False)
    return Selection(quotes, citations, verdict, conflict)


def decide(chosen: list[Evidence]) -> tuple[Verdict, bool]:
    """Decide from the shown evidence: a confirmation, else a denial, else a report.

    A confirmation outranks a denial because a completed move ends a story that earlier
    denials were part of; both are shown, and the answer says the sources disagree.
    """
    labels = {e.decisive for e in chosen}
    denying = {e.article.id for e in chosen if e.decisive is Certainty.DENIED}
    claiming = {
        e.article.id for e in chosen if e.decisive in (Certainty.CONFIRMED, Certainty.REPORTED)
    }
    conflict = bool(denying) and bool(claiming - denying)  # one article can't disagree with itself
    if Certainty.CONFIRMED in labels:
        return Verdict.CONFIRMED, conflict
    if Certainty.DENIED in labels:
        return Verdict.DENIED, conflict
    if Certainty.REPORTED in labels or any(_ABOUT_A_MOVE.search(e.text) for e in chosen):
        return Verdict.REPORTED, conflict
    # Sentences that merely name the subjects (a line-up, a match report) answer nothing.
    return Verdict.UNKNOWN, False


def conflict_line(selection: Selection) -> str:
    """'The sources disagree: [2] denies what [1] reports.'"""
    denying = sorted({n for e, n in selection.quotes if e.decisive is Certainty.DENIED})
    claiming = sorted(
        {n for e, n in selection.quotes if e.decisive is not Certainty.DENIED} - set(denying)
    )
    return (
        f"{CONFLICT_PREFIX} "
        + " ".join(f"[{n}]" for n in denying)
        + " denies what "
        + " ".join(f"[{n}]" for n in claiming)
        + " reports."
    )
