"""The post-generation guard: real citations only, verbatim quotes only, no upgraded certainty."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.answering.certainty import Certainty, classify
from bot.answering.prompting import Passage
from ingest.core.text.folding import tokenize
from ingest.core.text.sentences import split_sentences

log = logging.getLogger(__name__)

_MARKER = re.compile(r"\[(\d+)\]")
_MARKER_LIST = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)+)\]")  # "[1, 2]"
_LEADING_MARKERS = re.compile(r"^(?:\[\d+\]\s*)+")
_REPEATED_MARKER = re.compile(r"(\[\d+\])(?:\s*\1)+")
_PARTIAL_MARKER = re.compile(r"\s*\[\d*$")
_TERMINAL = re.compile(r"[.!?…]+$")
_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_STRONG_FORM = re.compile(
    r"\b(?:is|are|was|were)\s+(?:set|poised|tipped|due|close|about)\s+to\b", re.IGNORECASE
)
_WILL = re.compile(r"\b[Ww]ill\b(?!\s+(?:not|reportedly)\b)")
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had)\b(?!\s+(?:not|reportedly)\b)")
_COMMON_FIRST_WORDS = frozenset(
    "the a an this that these those it he she they there his her their its".split()
)
# The certainty detector reads "will join" in news copy as a forecast (a hedge); in a generated
# answer it is the model's own prediction, so it hedges nothing.
_FORECAST = re.compile(r"will\b", re.IGNORECASE)
# "Kicker report that ...": attributed, though the detector only knows "reports claim" etc.
_ATTRIBUTION_PREFIX = re.compile(r"^\s*according to [^,]{1,80},\s*", re.IGNORECASE)
# Forms that sound hedged but claim more than a source's "could": never a hedge of their own.
_STRONG = re.compile(
    r"\b(?:set|poised|tipped|due|close|nearing|verge|brink|all\s+but|almost\s+certain)\b",
    re.IGNORECASE,
)
_ECHO = 0.5  # share of an uncited sentence's content words that makes it a claim about a passage
_ATTRIBUTED = re.compile(
    r"\b(?:report|reports|say|says|said|claim|claims|claimed|write|writes|wrote|suggests?)"
    r"(?:\s+that)?\b",
    re.IGNORECASE,
)


@dataclass
class GuardReport:
    """The guarded text and what the guard changed; `contradicted` means: don't use it."""

    text: str = ""
    removed: list[int] = field(default_factory=list)  # numbers that pointed to no passage
    unquoted: int = 0
    rewritten: int = 0
    dropped: int = 0
    contradicted: bool = False

    @property
    def cited(self) -> list[int]:
        """The citation numbers the text still uses, in order of first use."""
        return cited_numbers(self.text)


def guard(text: str, passages: Sequence[Passage]) -> GuardReport:
    """Check generated text against the passages it was given, sentence by sentence."""
    by_number = {p.n: p for p in passages}
    report = GuardReport()
    lines: list[str] = []
    for line in _normalize(text).splitlines():
        prefix, body = _split_prefix(line)
        kept = [s for s in (_check(s, by_number, report) for s in _sentences(body)) if s]
        if kept:
            lines.append(prefix + " ".join(kept))
        elif not line.strip() and lines and lines[-1]:
            lines.append("")
    report.text = "\n".join(lines).strip()
    if report.removed or report.unquoted or report.rewritten or report.dropped:
        log.info(
            "guard: removed citations %s, unquoted %d, rewrote %d, dropped %d sentence(s)",
            report.removed,
            report.unquoted,
            report.rewritten,
            report.dropped,
        )
    return report


def cited_numbers(text: str) -> list[int]:
    """Distinct [n] numbers of a text in order of first appearance."""
    return list(dict.fromkeys(int(n) for n in _MARKER.findall(text)))


def renumber(text: str) -> tuple[str, list[int]]:
    """The text with citations renumbered 1..k by first use, and the old numbers in new order."""
    order = cited_numbers(text)
    new = {old: i for i, old in enumerate(order, 1)}
    return _MARKER.sub(lambda m: f"[{new[int(m.group(1))]}]", text), order


def cut_to_fit(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut after a whole sentence where possible, never in a [n]."""
    if len(text) <= max_chars:
        return text
    out = ""
    for line in text.split("\n"):
        prefix, body = _split_prefix(line)
        if not body.strip():
            out += "\n" if out else ""
            continue
        for i, sentence in enumerate(_sentences(body)):
            piece, sep = (prefix + sentence, "\n" if out else "") if i == 0 else (sentence, " ")
            if len(out) + len(sep) + len(piece) > max_chars:
                return out.rstrip() or _cut_words(piece, max_chars)
            out += sep + piece
    return out.rstrip()


def _cut_words(sentence: str, max_chars: int) -> str:
    cut = sentence[: max_chars - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return _PARTIAL_MARKER.sub("", cut).rstrip(" ,;:") + "…"


def _normalize(text: str) -> str:
    text = _MARKER_LIST.sub(
        lambda m: "".join(f"[{n}]" for n in re.split(r"\s*[,;]\s*", m[1])), text
    )
    return _PARTIAL_MARKER.sub("", text.strip())  # a reply cut off by max_tokens: "... [1"


def _split_prefix(line: str) -> tuple[str, str]:
    match = _LIST_PREFIX.match(line)
    return (match.group(), line[match.end() :]) if match else ("", line.strip())


def _sentences(body: str) -> list[str]:
    """Sentences of a line; markers a sentence starts with belong to the one before ("x. [1]")."""
    out: list[str] = []
    for sentence in split_sentences(body):
        leading = _LEADING_MARKERS.match(sentence)
        if leading and out:
            out[-1] = _attach(out[-1], leading.group().replace(" ", ""))
            sentence = sentence[leading.end() :]
        if sentence:
            out.append(sentence)
    return out


def _attach(sentence: str, markers: str) -> str:
    end = _TERMINAL.search(sentence)
    if end is None:  # ends in a closing quote or bracket: keep the quote intact
        return f"{sentence} {markers}"
    return f"{sentence[: end.start()].rstrip()} {markers}{end.group()}"


def _check(sentence: str, by_number: dict[int, Passage], report: GuardReport) -> str | None:
    """The sentence as it may be shown, or None to drop it."""
    numbers = [int(n) for n in _MARKER.findall(sentence)]
    valid = [n for n in dict.fromkeys(numbers) if n in by_number]
    if invalid := sorted(set(numbers) - set(valid)):
        report.removed.extend(invalid)
        if not valid:  # its only support was invented
            report.dropped += 1
            return None
    sentence = _MARKER.sub(lambda m: m.group() if int(m.group(1)) in by_number else "", sentence)
    sentence = _tidy(_REPEATED_MARKER.sub(r"\1", sentence))
    cited = [by_number[n] for n in valid]
    sentence = _unquote(sentence, cited, report)
    plain = _tidy(_MARKER.sub("", sentence))
    if not cited:
        # An uncited claim about what the passages discuss can only be the model's own.
        if classify(plain).label is not Certainty.NEUTRAL or _echoes(plain, by_number.values()):
            report.dropped += 1
            return None
        return sentence  # "The passages do not say when."
    support = _support(plain, cited)
    if not support:
        report.dropped += 1  # cited, but its passages don't say it
        return None
    labels = {lab for _, lab in support}
    if Certainty.DENIED in labels and classify(plain).label is not Certainty.DENIED:
        report.contradicted = True  # it asserts (even hedged) what its sources deny
        log.info("guard: %r contradicts its sources", plain[:80])
        return sentence
    if not states_as_fact(plain):
        return sentence
    if Certainty.REPORTED in labels:  # the weakest support decides: never upgrade
        report.rewritten += 1
        return _attribute(sentence, [p.outlet for p, lab in support if lab is Certainty.REPORTED])
    return sentence


def states_as_fact(sentence: str) -> bool:
    """True when a sentence neither hedges nor denies: "X will join", "X has signed".

    An attribution alone ("According to Kicker, X will join") does not hedge the claim, and
    neither do the strong forms "is set to" or "all but done" that upgrade a source's "could".
    """
    claim = _ATTRIBUTION_PREFIX.sub("", _ATTRIBUTED.split(sentence, maxsplit=1)[-1])
    result = classify(claim)
    if result.label is Certainty.DENIED:
        return False
    return not any(
        c.kind is Certainty.REPORTED and not _FORECAST.match(c.text) and not _STRONG.search(c.text)
        for c in result.cues
    )


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _unquote(sentence: str, cited: list[Passage], report: GuardReport) -> str:
    def check(match: re.Match[str]) -> str:
        inner = match.group(1) or match.group(2)
        if _verbatim(inner, cited):
            return match.group()
        report.unquoted += 1
        return inner

    return _QUOTED.sub(check, sentence)


def _verbatim(quote: str, passages: list[Passage]) -> bool:
    needle = _plain_text(quote).rstrip(" .,;:!?")
    return bool(needle) and any(
        needle in _plain_text(segment) for p in passages for segment in p.segments()
    )


def _plain_text(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def _support(plain: str, cited: Iterable[Passage]) -> list[tuple[Passage, Certainty]]:
    """The passage sentences sharing the most content words with the claim, labelled."""
    words = set(tokenize(_ATTRIBUTION_PREFIX.sub("", plain)))
    if not words:
        return []
    best = 0
    found: list[tuple[Passage, Certainty]] = []
    for passage in cited:
        for segment in passage.segments():
            for candidate in split_sentences(segment):
                score = len(words & set(tokenize(candidate)))
                if score and score >= best:
                    if score > best:
                        best, found = score, []
                    found.append((passage, classify(candidate).label))
    return found


def _echoes(plain: str, passages: Iterable[Passage]) -> bool:
    """Whether a sentence repeats enough of some passage sentence to be a claim about it."""
    words = set(tokenize(_ATTRIBUTION_PREFIX.sub("", plain)))
    return bool(words) and any(
        len(words & set(tokenize(candidate))) / len(words) >= _ECHO
        for passage in passages
        for segment in passage.segments()
        for candidate in split_sentences(segment)
    )


def _attribute(sentence: str, outlets: list[str]) -> str:
    """'According to Kicker, Kroos could join ...': the source's attribution and a hedge."""
    body = _soften(sentence)
    if body.lower().startswith("according to") or _ATTRIBUTED.search(body):
        return body  # already attributed: only the hedge was missing
    names = list(dict.fromkeys(o or "the cited report" for o in outlets))
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    first = body.split(" ", 1)[0]
    if first.lower() in _COMMON_FIRST_WORDS:
        body = body[0].lower() + body[1:]
    return f"According to {who}, {body}"


def _soften(sentence: str) -> str:
    """Turn the first 'will' into 'could', or else add 'reportedly' after the first auxiliary."""
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]

    def outside(match: re.Match[str]) -> bool:
        return not any(start <= match.start() < end for start, end in quoted)

    for pattern in (_STRONG_FORM, _WILL, _AUXILIARY):
        match = next((m for m in pattern.finditer(sentence) if outside(m)), None)
        if match:
            word = match.group()
            if pattern is _AUXILIARY:
                new = f"{word} reportedly"
            else:
                new = "Could" if word[0].isupper() else "could"
            return sentence[: match.start()] + new + sentence[match.end() :]
    return sentence
