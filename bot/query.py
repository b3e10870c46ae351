"""Understanding a question: subject terms, nicknames resolved, and whether it asks for news."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.lexical import fold, tokenize

# Words that say what kind of move is asked about, not who: they never make an answer relevant.
INTENT_TERMS = frozenset(
    tokenize(
        """join joining sign signing signed buy buying move moving transfer transfers deal bid
        leave leaving quit walk out land landed get heading head off target after want chase chasing
        interest interested keen going go staff plan plans next summer january window new contract
        end really actually true rumour rumours talk talks link linked happen happening in for
        club player manager coach job replace replacement loan permanent return back stay search
        latest news cash sell selling sale week month year season"""
    )
)
_RECENT = re.compile(
    r"\b(latest|now|currently|current|recent(ly)?|today|this (week|month)|any news|update|so far)\b"
)


Phrase = tuple[str, ...]  # stemmed tokens that must all be present


@dataclass(frozen=True)
class Query:
    """A question prepared for retrieval and relevance checks."""

    text: str
    expanded: str
    subject_groups: tuple[tuple[Phrase, ...], ...]  # each subject: any one of its phrasings
    intent_terms: tuple[str, ...]
    recent: bool

    def matched_groups(self, tokens: set[str]) -> list[bool]:
        """For each subject, whether `tokens` (a tokenized text) mention it."""
        return [
            any(all(t in tokens for t in phrase) for phrase in group)
            for group in self.subject_groups
        ]


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    text = (resources.files("bot") / "data" / "aliases.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "=" not in line:
            continue
        left, right = line.split("=", 1)
        canonical = fold(right.split(",")[0].strip())
        for alias in left.split(","):
            table[fold(alias.strip())] = canonical
    return table


@cache
def _alias_pattern() -> re.Pattern[str]:
    names = sorted(_aliases(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def _resolve_aliases(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The question with nicknames replaced, and the (alias, canonical) pairs found."""
    folded = fold(text)
    found: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        canonical = _aliases()[match.group(1)]
        if folded.startswith(canonical, match.start()):  # "real" inside "real madrid"
            return match.group(0)
        found.append((match.group(1), canonical))
        return canonical

    return _alias_pattern().sub(replace, folded), found


def parse_query(text: str) -> Query:
    """Analyse a question: subjects (with nickname forms), intent words, recency."""
    resolved, found = _resolve_aliases(text)
    groups: list[tuple[Phrase, ...]] = []
    seen: set[str] = set()
    for alias, canonical in found:
        phrase = tuple(t for t in tokenize(canonical) if t not in INTENT_TERMS)
        if not phrase or set(phrase) <= seen:
            continue
        seen.update(phrase)
        groups.append((phrase, tuple(tokenize(alias))))
    intent: list[str] = []
    for term in tokenize(resolved):
        if term in seen:
            continue
        seen.add(term)
        if term in INTENT_TERMS:
            intent.append(term)
        else:
            groups.append(((term,),))
    expanded = text if not found else f"{text} {resolved}"
    return Query(
        text=text,
        expanded=expanded,
        subject_groups=tuple(groups),
        intent_terms=tuple(intent),
        recent=bool(_RECENT.search(fold(text))),
    )
