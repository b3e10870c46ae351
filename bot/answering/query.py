"""Understanding a question: subject terms, nicknames resolved, and whether it asks for news."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.core.text.folding import fold, tokenize
from ingest.index.lexical import LexicalSnapshot

# Words that say what kind of move is asked about, not who: they never make an answer relevant.
INTENT_TERMS = frozenset(
    tokenize(
        """join joining sign signing signed buy buying move moving transfer transfers deal bid
        leave leaving quit walk out land landed get heading head off target after want chase chasing
        interest interested keen going go staff plan plans next summer january window new contract
        end really actually true rumour rumours talk talks link linked happen happening in for
        club player manager coach job replace replacement loan permanent return back stay search
        latest news cash sell selling sale week month year season january february march april
        june july august september october november december weekend today tomorrow bidding
        bids offer offered pursue pursuing swoop approach eye eyeing monitor monitoring track
        tracking scout scouting race battle rival fight fee sold buy bought cost price"""
    )
)
# Words that only frame a question ("what's the latest on ..."); they say nothing about the topic.
_FRAMING = frozenset(
    tokenize("latest news search really actually true rumour rumours happen happening update talk")
)
# Topic words that articles write in other ways.
_SYNONYMS = [
    frozenset(tokenize(group))
    for group in (
        "manager coach boss gaffer",
        "sign signing join joining move transfer buy",
        "contract deal extension",
        "leave leaving exit depart quit sell sale",
        "keeper goalkeeper",
        "staff assistant backroom",
    )
]
_LATER_WORD = re.compile(r"(?<=\s)[^\W\d_][\w'’-]*")  # not the question's first word
_NUMBER = re.compile(r"\d+[a-z]{0,2}")  # 50, 50m, 25k, 3rd
_NAME_LIKE = 0.5  # capitalised at least this often mid-sentence: a name
_WORD_WEIGHT = 0.25  # an ordinary word in a question says less about relevance than a name
_RECENT = re.compile(
    r"\b(latest|now|currently|current|recent(ly)?|today|this (week|month)|any news|update|so far)\b"
)


Phrase = tuple[str, ...]  # stemmed tokens that must all be present


@dataclass(frozen=True)
class Query:
    """A question prepared for retrieval and relevance checks."""

    text: str
    resolved: str  # nicknames replaced by the names articles use
    expanded: str  # the question plus its resolved form, for lexical search
    subject_groups: tuple[tuple[Phrase, ...], ...]  # each subject: any one of its phrasings
    intent_terms: tuple[str, ...]
    recent: bool
    capitalised: frozenset[str] = frozenset()  # terms the fan wrote with a capital mid-question

    def coverage(self, weights: list[float], tokens: AbstractSet[str]) -> float:
        """The weighted share of subjects that `tokens` mention (0..1)."""
        total = sum(weights)
        if not total:
            return 0.0
        hits = self.matched_groups(tokens)
        return sum(w for w, hit in zip(weights, hits, strict=True) if hit) / total

    def matched_groups(self, tokens: AbstractSet[str]) -> list[bool]:
        """For each subject, whether `tokens` (a tokenized text) mention it."""
        return [
            any(all(t in tokens for t in phrase) for phrase in group)
            for group in self.subject_groups
        ]


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    text = (resources.files("bot.answering") / "data" / "aliases.txt").read_text(encoding="utf-8")
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
        if term in INTENT_TERMS or _NUMBER.fullmatch(term):
            intent.append(term)  # fees, ages and years help ranking but name nobody
        else:
            groups.append(((term,),))
    expanded = text if not found else f"{text} {resolved}"
    return Query(
        text=text,
        resolved=resolved,
        expanded=expanded,
        subject_groups=tuple(groups),
        intent_terms=tuple(intent),
        recent=bool(_RECENT.search(fold(text))),
        capitalised=frozenset(
            term
            for word in _LATER_WORD.findall(text)
            if word[0].isupper()
            for term in tokenize(word)
        ),
    )


def _is_name(term: str, query: Query, lexical: LexicalSnapshot) -> bool:
    """A name by the fan's capital letter or the articles' usage; unknown usage counts as a name,
    so that doubt makes relevance stricter rather than looser."""
    likeness = lexical.name_likeness(term)
    return term in query.capitalised or likeness is None or likeness >= _NAME_LIKE


def subject_weights(query: Query, lexical: LexicalSnapshot) -> list[float]:
    """How much each subject counts: the IDF of its rarest form, full for names, less for words.

    A subject no article mentions (a player the sources never name) gets the weight of an
    unseen name, so evidence that lacks it can never look relevant.
    """
    unseen = lexical.idf("\x00")  # a term with document frequency 0
    weights = []
    for group in query.subject_groups:
        known = [p for p in group if all(lexical.document_frequency(t) > 0 for t in p)]
        if not known:
            weights.append(unseen)
            continue
        best = 0.0
        for phrase in known:
            rarest = max(phrase, key=lexical.idf)
            name = any(_is_name(t, query, lexical) for t in phrase)
            best = max(best, lexical.idf(rarest) * (1.0 if name else _WORD_WEIGHT))
        weights.append(best)
    return weights


def topic_terms(query: Query) -> frozenset[str]:
    """What a round-up topic is about besides its names ("manager" in "Real Madrid manager"),
    with the other words articles use for it; empty when the topic is only names."""
    terms = {t for t in query.intent_terms if t not in _FRAMING and not _NUMBER.fullmatch(t)}
    expanded = set(terms)
    for group in _SYNONYMS:
        if terms & group:
            expanded |= group
    return frozenset(expanded)
