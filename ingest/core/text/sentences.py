"""Sentence splitting that returns character spans, so every sentence maps back to its text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen col capt lt sgt rev hon vs v etc no nos fig approx
    inc ltd co corp plc fc afc utd jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e a.m p.m u.s u.k""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?…]+["'’”)\]]*(?=\s+|$)""")
_PARAGRAPH = re.compile(r"\n\s*\n")


def _is_false_boundary(text: str, end: int) -> bool:
    """True when the full stop ending at `end` belongs to an abbreviation, initial or number."""
    if text[end - 1] != ".":
        return False
    match = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[:end])
    if match:
        word = match.group(1).lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return True
    following = text[end:].lstrip()
    # The next sentence starts with a capital, digit or quote; otherwise it is a mid-sentence stop.
    return bool(following) and not re.match(r"""[A-Z0-9"'‘“(\[]""", following)


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence, whitespace trimmed; paragraphs always split."""
    for para_start, para_end in _paragraph_spans(text):
        start = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            end = match.end()
            if _is_false_boundary(text, end):
                continue
            yield from _trimmed(text, start, end)
            start = end
        yield from _trimmed(text, start, para_end)


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
