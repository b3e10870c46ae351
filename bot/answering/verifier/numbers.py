"""The numbers a text states: fees with their currency, ages, years, contract lengths, counts.

"£20m", "£20 million", "20 million pounds" and "£20,000,000" are one fee; "five-year" and
"5-year" one length. A number that is part of a name ("Schalke 04") is left to the name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

_WORD_VALUES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}  # fmt: skip
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
                "billion": 1e9}  # fmt: skip
_CURRENCY_WORDS = {"pound": "£", "pounds": "£", "euro": "€", "euros": "€", "dollar": "$",
                   "dollars": "$"}  # fmt: skip
_DIGITS = r"\d+(?:[.,]\d+)*"
_MULTIPLIER = r"(?:bn|billion|mn|million|m|k|thousand)"
_WORD_NUMBER = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<cur>[£€$])\s?(?P<amount>{_DIGITS})(?:\s?(?P<mult>{_MULTIPLIER})(?![a-z]))?"
    rf"|(?P<amount2>{_DIGITS})\s?(?P<mult2>{_MULTIPLIER})(?![a-z])(?:\s+(?P<cword>pounds?|euros?|dollars?))?"
    rf"|(?P<amount3>{_DIGITS})\s+(?P<cword3>pounds?|euros?|dollars?)\b"
    rf"|(?P<plain>{_DIGITS})(?:st|nd|rd|th)?"
    rf"|(?<![\w-])(?P<word>{_WORD_NUMBER}|one(?=[\s-](?:year|million|billion)))(?![a-z])"
    rf"(?:[\s-](?P<wmult>million|billion))?",
    re.IGNORECASE,
)
_TOLERANCE = 1e-9  # floating point only: "£20.1m" is not "£20m", nor 2027 2026


@dataclass(frozen=True)
class Number:
    """One number a text states; fees carry their currency when it is given."""

    value: float
    money: bool = False
    currency: str = ""
    text: str = ""


def find_numbers(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Every number in `text` outside the `skip` spans (names)."""
    found = []
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in skip):
            continue
        number = _read(match)
        if number is not None:
            found.append(number)
    return found


def _read(match: re.Match[str]) -> Number | None:
    groups = match.groupdict()
    if groups["word"]:
        said = float(_WORD_VALUES.get(groups["word"].lower(), 1))
        if groups["wmult"]:
            return Number(said * _MULTIPLIERS[groups["wmult"].lower()], True, "", match.group())
        return Number(said, text=match.group())
    amount = groups["amount"] or groups["amount2"] or groups["amount3"] or groups["plain"]
    value = _value(amount)
    if value is None:
        return None
    mult = groups["mult"] or groups["mult2"]
    currency = groups["cur"] or _CURRENCY_WORDS.get(
        (groups["cword"] or groups["cword3"] or "").lower(), ""
    )
    if not (currency or mult):
        return Number(value, text=match.group())
    return Number(value * _MULTIPLIERS.get((mult or "").lower(), 1), True, currency, match.group())


def _value(amount: str) -> float | None:
    """'20,000,000' is twenty million; '1,5' is one and a half."""
    parts = amount.split(",")
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        amount = "".join(parts)
    else:
        amount = amount.replace(",", ".")
    try:
        return float(amount)
    except ValueError:
        return None


def supported(number: Number, known: Iterable[Number]) -> bool:
    """Whether a passage states the same number: a fee the same fee (and currency, when both give
    one), anything else the same value."""
    for other in known:
        if number.money != other.money:
            continue
        if number.money and number.currency and other.currency not in ("", number.currency):
            continue
        if abs(number.value - other.value) <= _TOLERANCE * max(abs(other.value), 1.0):
            return True
    return False
