"""A model's reply as text: its lines and sentences, their [n] markers, cutting and renumbering."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.core.text.sentences import split_sentences

log = logging.getLogger(__name__)

MARKER = re.compile(r"\[(\d+)\]")
_MARKER_LIST = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)+)\]")  # "[1, 2]"
_LEADING_MARKERS = re.compile(r"^(?:\[\d+\]\s*)+")
_REPEATED_MARKER = re.compile(r"(\[\d+\])(?:\s*\1)+")
_PARTIAL_MARKER = re.compile(r"\s*\[\d*$")
_TERMINAL = re.compile(r"[.!?…]+$")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Line:
    """One line of a reply: its list prefix ("- ") and its sentences, markers attached."""

    prefix: str
    sentences: tuple[str, ...]


def lines(text: str) -> list[Line]:
    """The reply's lines, blank ones kept as lines without sentences."""
    return [Line(*_split_prefix(line)) for line in normalize(text).splitlines()]


def _split_prefix(line: str) -> tuple[str, tuple[str, ...]]:
    match = _LIST_PREFIX.match(line)
    prefix, body = (match.group(), line[match.end() :]) if match else ("", line.strip())
    return prefix, tuple(sentences(body))


def normalize(text: str) -> str:
    """Markers as [1][2] (not [1, 2]), and no half marker where a reply was cut off."""
    text = _MARKER_LIST.sub(
        lambda m: "".join(f"[{n}]" for n in re.split(r"\s*[,;]\s*", m[1])), text
    )
    return _PARTIAL_MARKER.sub("", text.strip())  # a reply cut off by max_tokens: "... [1"


def sentences(body: str) -> list[str]:
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


def numbers_of(sentence: str) -> list[int]:
    """The distinct [n] numbers of a sentence, in order."""
    return list(dict.fromkeys(int(n) for n in MARKER.findall(sentence)))


def keep_markers(sentence: str, valid: set[int]) -> str:
    """The sentence with only the markers of `valid` numbers, each once."""
    kept = MARKER.sub(lambda m: m.group() if int(m.group(1)) in valid else "", sentence)
    return tidy(_REPEATED_MARKER.sub(r"\1", kept))


def plain(sentence: str) -> str:
    """The sentence without its markers."""
    return tidy(MARKER.sub("", sentence))


def tidy(text: str) -> str:
    """No space before punctuation, single spaces."""
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def cited_numbers(text: str) -> list[int]:
    """Distinct [n] numbers of a text in order of first appearance."""
    return list(dict.fromkeys(int(n) for n in MARKER.findall(text)))


def renumber(text: str) -> tuple[str, list[int]]:
    """The text with citations renumbered 1..k by first use, and the old numbers in new order."""
    order = cited_numbers(text)
    new = {old: i for i, old in enumerate(order, 1)}
    return MARKER.sub(lambda m: f"[{new[int(m.group(1))]}]", text), order


def cut_to_fit(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut after a whole sentence where possible, never in a [n]."""
    if len(text) <= max_chars:
        return text
    out = ""
    for line in text.split("\n"):
        match = _LIST_PREFIX.match(line)
        prefix, body = (match.group(), line[match.end() :]) if match else ("", line.strip())
        if not body.strip():
            out += "\n" if out else ""
            continue
        for i, sentence in enumerate(sentences(body)):
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
