"""Sentence splitting that returns character spans, so every sentence maps back to its text."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen col capt lt sgt rev hon vs v etc no nos fig approx
    inc ltd co corp plc fc afc utd jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e a.m p.m u.s u.k""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space. It
# starts only where a run of punctuation starts, and its quantifiers never give back (the two
# classes share no character, so giving back could not help): each character is looked at once.
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]++["'’”)\]]*+(?=\s|$)""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_LETTERS_AND_DOTS = frozenset(string.ascii_letters + ".")
_NEXT_CHARACTER = re.compile(r"\s*+(\S)")
_SENTENCE_START = frozenset("""ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"'‘“([""")


def _is_false_boundary(text: str, end: int) -> bool:
    """True when the full stop ending at `end` belongs to an abbreviation, initial or number.

    Reads only the word before `end` and the first character after the space that follows:
    the cost of a boundary is its own neighbourhood, never the text before it.
    """
    if text[end - 1] != ".":
        return False
    word = _word_before(text, end - 1)
    if word is not None:
        word = word.lower()
        if word in _ABBREVIATIONS or _is_initial(text, end - 1, word):
            return True
    # The next sentence starts with a capital, digit or quote; otherwise it is a mid-sentence stop.
    following = _NEXT_CHARACTER.match(text, end)
    return following is not None and following.group(1) not in _SENTENCE_START


def _is_initial(text: str, stop: int, word: str) -> bool:
    """A single letter is an initial ("J. Smith"), unless it is a number's unit ("£50m.")."""
    start = stop - len(word)
    return len(word) == 1 and word.isalpha() and not (start > 0 and text[start - 1].isdigit())


def _word_before(text: str, stop: int) -> str | None:
    """The letters-and-dots word that ends at the full stop at `stop` and starts with a letter."""
    start = stop
    while start > 0 and text[start - 1] in _LETTERS_AND_DOTS:
        start -= 1
    while start < stop and text[start] == ".":  # a word starts with a letter
        start += 1
    return text[start:stop] if start < stop else None


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
