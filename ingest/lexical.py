"""BM25 over every stored chunk, kept in step with the store's revision (also across processes)."""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np

from ingest.schema import Chunk
from ingest.store import ScoredChunk, Store

log = logging.getLogger(__name__)

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
# A word that follows a lowercase word or a comma, so its capital letter is not sentence-initial.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-zÀ-ÿ][\w'’-]*)")
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


@dataclass(frozen=True)
class LexicalSnapshot:
    """The BM25 index and term statistics of one store revision; cheap to query repeatedly."""

    revision: str
    chunks: list[Chunk]
    model: bm25s.BM25 | None
    doc_freq: Counter[str]
    capitalised: Counter[str]  # occurrences written with a capital letter mid-sentence
    mid_sentence: Counter[str]  # all occurrences that are not sentence-initial
    token_sets: dict[str, frozenset[str]]  # chunk id -> its title and text tokens

    def tokens_of(self, chunk: Chunk) -> frozenset[str]:
        """The tokens of a chunk's title and text (precomputed for stored chunks)."""
        found = self.token_sets.get(chunk.id)
        return found if found is not None else frozenset(tokenize(chunk.title + " " + chunk.text))

    def idf(self, term: str) -> float:
        """Inverse document frequency of a (tokenized) term over the stored chunks."""
        n = len(self.chunks)
        df = self.doc_freq.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def document_frequency(self, term: str) -> int:
        """In how many chunks a (tokenized) term occurs."""
        return self.doc_freq.get(term, 0)

    def name_likeness(self, term: str) -> float | None:
        """How often the sources capitalise a term mid-sentence (names ~1.0); None if unseen.

        Fans type "did santini walk out on spurs"; the articles write "Santini", which tells
        a name from an ordinary word without a list of names.
        """
        seen = self.mid_sentence.get(term, 0)
        return self.capitalised.get(term, 0) / seen if seen else None

    def search(self, query: str, k: int) -> list[ScoredChunk]:
        """The k best chunks by BM25 for `query`; empty when no query term is indexed."""
        terms = [t for t in tokenize(query) if t in self.doc_freq]
        if self.model is None or not terms:
            return []
        scores = self.model.get_scores(terms)
        top = np.argsort(-scores)[:k]
        return [ScoredChunk(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]


class LexicalIndex:
    """BM25 search over the store's chunks; rebuilt lazily when another writer changed them."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._snapshot: LexicalSnapshot | None = None

    def snapshot(self) -> LexicalSnapshot:
        """The current index, rebuilt first if the store changed since it was built."""
        revision = self._store.revision()
        current = self._snapshot
        if current is not None and current.revision == revision:
            return current
        with self._lock:
            revision = self._store.revision()  # another thread may have rebuilt meanwhile
            if self._snapshot is None or self._snapshot.revision != revision:
                self._snapshot = self._build(revision)
            return self._snapshot

    def _build(self, revision: str) -> LexicalSnapshot:
        chunks = self._store.all_chunks()
        tokens = [tokenize(c.title + " " + c.text) for c in chunks]
        doc_freq: Counter[str] = Counter()
        for doc in tokens:
            doc_freq.update(set(doc))
        capitalised: Counter[str] = Counter()
        mid_sentence: Counter[str] = Counter()
        for chunk in chunks:
            for match in _MID_SENTENCE_WORD.finditer(chunk.text):
                word = match.group(1)
                for term in tokenize(word):
                    mid_sentence[term] += 1
                    capitalised[term] += word[0].isupper()
        model = None
        if chunks:
            model = bm25s.BM25()
            model.index(tokens, show_progress=False)
        log.debug("lexical index rebuilt: %d chunks (revision %s)", len(chunks), revision)
        token_sets = {c.id: frozenset(t) for c, t in zip(chunks, tokens, strict=True)}
        return LexicalSnapshot(
            revision, chunks, model, doc_freq, capitalised, mid_sentence, token_sets
        )

    def search(self, query: str, k: int) -> list[ScoredChunk]:
        """The k best chunks by BM25 for `query` in the current snapshot."""
        return self.snapshot().search(query, k)
