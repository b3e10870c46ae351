"""Sentence splitting: where it splits, and that its work grows with the text, not its square."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import SupportsIndex

from ingest.core.text.sentences import _ABBREVIATIONS, _paragraph_spans, _trimmed, sentence_spans


class CountingStr(str):
    """A str that counts the characters every index or slice of it copies out."""

    copied = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        part = str.__getitem__(self, key)
        CountingStr.copied += len(part)
        return part


def test_splitting_copies_each_character_a_bounded_number_of_times() -> None:
    sentence = "Mr. Smith says the U.S. side could bid £3.5m (Sun). Talks go on! Next? e.g. soon. "
    text = CountingStr(sentence * 1500)  # about 125,000 characters and 6,000 candidate stops
    CountingStr.copied = 0
    spans = list(sentence_spans(text))
    assert len(spans) == 4 * 1500
    assert CountingStr.copied <= 2 * len(text)  # reading back from every stop costs its square


# The rules as first written, reading the whole text before each stop: the reference.
_BOUNDARY = re.compile(r"""[.!?…]+["'’”)\]]*(?=\s+|$)""")


def _reference_false_boundary(text: str, end: int) -> bool:
    if text[end - 1] != ".":
        return False
    match = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[:end])
    if match:
        word = match.group(1).lower()
        unit = match.start(1) > 0 and text[match.start(1) - 1].isdigit()  # "£50m."
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and not unit):
            return True
    following = text[end:].lstrip()
    return bool(following) and not re.match(r"""[A-Z0-9"'‘“(\[]""", following)


def _reference_spans(text: str) -> Iterator[tuple[int, int]]:
    for para_start, para_end in _paragraph_spans(text):
        start = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            if _reference_false_boundary(text, match.end()):
                continue
            yield from _trimmed(text, start, match.end())
            start = match.end()
        yield from _trimmed(text, start, para_end)


def test_sentences_split_exactly_where_the_rules_say() -> None:
    pieces = [*"aAbZmsDte.u..!?…\"'’”)]([‘“ \n\t\u00a019", "Mr", "e.g", "U.S", "etc", "No", "3.5"]
    rng = random.Random(11)  # noqa: S311 - a fixed seed, for a repeatable sample
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert list(sentence_spans(text)) == list(_reference_spans(text)), repr(text)


def test_a_fee_ends_a_sentence_but_an_initial_does_not() -> None:
    def split(text: str) -> list[str]:
        return [text[s:e] for s, e in sentence_spans(text)]

    assert split("Arsenal paid £50m. He signed on Friday.") == [
        "Arsenal paid £50m.",
        "He signed on Friday.",
    ]
    assert split("He cost £3.5m. Leeds agreed.") == ["He cost £3.5m.", "Leeds agreed."]
    assert split("Arsenal want J. Smith. Leeds agreed.") == [
        "Arsenal want J. Smith.",
        "Leeds agreed.",
    ]
