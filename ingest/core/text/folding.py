"""Folding and tokenizing words the same way for questions, chunks and evidence sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can could did didn't do does doesn't doing don't
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is isn't it it's its itself just let's me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves also still yet really
    actually gonna wanna going get got getting go goes went anything something news latest
    any whats what's who's is there""".split()
)
_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


# Letters NFKD leaves alone: "Højlund" must match a fan's "Hojlund".
_UNDECOMPOSABLE = str.maketrans(
    {"ø": "o", "ł": "l", "ß": "ss", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
)


def fold(text: str) -> str:
    """Lowercase ASCII folding: 'Güler' and 'Guler' match, curly apostrophes become straight."""
    text = text.replace("’", "'").replace("‘", "'").lower().translate(_UNDECOMPOSABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """A light English stemmer: possessives and common plural/verb endings."""
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    for suffix, keep in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: len(token) - len(suffix)] + keep
    return token


def tokenize(text: str) -> list[str]:
    """Stemmed content tokens of `text`, stopwords removed."""
    return [stem(t) for t in _TOKEN.findall(fold(text)) if t not in STOPWORDS and len(t) > 1]
