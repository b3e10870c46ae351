"""BM25 over every stored chunk, kept in step with the store's revision (also across processes)."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np

from ingest.core.schema import Chunk
from ingest.core.text.folding import tokenize
from ingest.index.store import ScoredChunk, StoreReader

log = logging.getLogger(__name__)

# A word that follows a lowercase word or a comma, so its capital letter is not sentence-initial.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-zÀ-ÿ][\w'’-]*)")


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

    def __init__(self, store: StoreReader) -> None:
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
