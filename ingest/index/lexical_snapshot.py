"""One saved BM25 index of the stored chunks, memory-mapped to query (see lexical_build)."""

from __future__ import annotations

import copy
import logging
import math
import mmap
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import orjson

from ingest.core.schema import Chunk
from ingest.core.text.folding import tokenize
from ingest.index.lexical_build import (
    CHUNKS,
    DOC_IDS,
    OFFSETS,
    SORTED_DOCS,
    SORTED_IDS,
    TERMS,
    VOCAB,
    VOCAB_ROWS,
    SavedChunks,
    SnapshotError,
    read_manifest,
)

log = logging.getLogger(__name__)

_ARRAYS = (OFFSETS, VOCAB, VOCAB_ROWS, DOC_IDS, SORTED_IDS, SORTED_DOCS)
_CACHE = 4096  # decoded chunks (and looked-up terms) kept per snapshot; a question touches ~100


def _chunk_of(doc: dict[str, Any]) -> Chunk:
    meta = doc["meta"]  # as Chunk.metadata() wrote it, so no conversions are needed
    return Chunk(
        meta["article_id"],
        meta["index"],
        meta["start"],
        meta["end"],
        doc["text"],
        meta["title"],
        meta["source"],
        meta["url"],
        meta["published"],
        meta["sample"],
    )


class LexicalSnapshot:
    """The BM25 index and term statistics of one store revision; cheap to query repeatedly."""

    def __init__(self, revision: str, directory: Path | None = None) -> None:
        self.revision = revision
        self.directory = directory
        self._lock = threading.Lock()
        self._decoded: OrderedDict[int, tuple[Chunk, frozenset[str]]] = OrderedDict()
        self._by_id: dict[str, int] = {}
        self._term_ids: dict[str, int | None] = {}  # the terms questions asked about
        self._size = 0
        if directory is None:
            return
        self._size = int(read_manifest(directory)["chunks"])
        if not self._size:
            return
        try:
            self._model = bm25s.BM25.load(
                directory, mmap=True, load_vocab=False, show_progress=False
            )
            # Plain views of the mapped files: indexing an np.memmap costs microseconds.
            arrays = {
                name: np.load(directory / name, mmap_mode="r").view(np.ndarray) for name in _ARRAYS
            }
            self._docs = _map(directory / CHUNKS)
            self._terms = _map(directory / TERMS)
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{directory} could not be loaded: {exc}") from exc
        self._offsets, self._doc_ids = arrays[OFFSETS], arrays[DOC_IDS]
        self._vocab, self._vocab_rows = arrays[VOCAB], arrays[VOCAB_ROWS]
        self._sorted_ids, self._sorted_docs = arrays[SORTED_IDS], arrays[SORTED_DOCS]
        self._indptr = self._model.scores["indptr"].view(np.ndarray)

    def with_revision(self, revision: str) -> LexicalSnapshot:
        """The same index for a later store revision (one whose writes left the chunks alone)."""
        if revision == self.revision:
            return self
        moved = copy.copy(self)  # shares the mapped files and the decoded chunks
        moved.revision = revision
        return moved

    def __len__(self) -> int:
        return self._size

    # -- terms ------------------------------------------------------------------------------

    def _term_row(self, term: str) -> int | None:
        found = self._term_ids.get(term, -1)
        if found != -1:
            return found
        row = None
        if self._size and term.isascii():
            key = term.encode()
            pos = int(np.searchsorted(self._vocab, key))
            if pos < len(self._vocab) and self._vocab[pos] == key:
                row = pos
        if len(self._term_ids) >= _CACHE:
            self._term_ids.clear()
        self._term_ids[term] = row
        return row

    def _term_id(self, term: str) -> int | None:
        row = self._term_row(term)
        return None if row is None else int(self._vocab_rows[row, 0])

    def document_frequency(self, term: str) -> int:
        """In how many chunks a (tokenized) term occurs."""
        term_id = self._term_id(term)
        if term_id is None:
            return 0
        return int(self._indptr[term_id + 1] - self._indptr[term_id])

    def idf(self, term: str) -> float:
        """Inverse document frequency of a (tokenized) term over the stored chunks."""
        n = self._size
        df = self.document_frequency(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def name_likeness(self, term: str) -> float | None:
        """How often the sources capitalise a term mid-sentence (names ~1.0); None if unseen.

        Fans type "did santini walk out on spurs"; the articles write "Santini", which tells
        a name from an ordinary word without a list of names.
        """
        row = self._term_row(term)
        if row is None:
            return None
        _, capitalised, seen = (int(v) for v in self._vocab_rows[row])
        return capitalised / seen if seen else None

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k best chunk ids by BM25 for `query`, best first; empty when no term is indexed.

        Only the top k are sorted (ties go to the chunk stored first).
        """
        ids = [i for i in map(self._term_id, tokenize(query)) if i is not None]
        ids = [i for i in ids if self._indptr[i + 1] > self._indptr[i]]
        if not ids:
            return []
        scores = self._model.get_scores(ids)
        docs = np.flatnonzero(scores > 0)
        values = scores[docs]
        if len(docs) > k:
            kth = np.partition(values, len(values) - k)[len(values) - k]
            keep = values >= kth
            docs, values = docs[keep], values[keep]
        order = np.lexsort((docs, -values))[:k]
        ranked = zip(docs[order], values[order], strict=True)
        return [(self._doc_ids[d].decode(), float(v)) for d, v in ranked]

    # -- chunks -----------------------------------------------------------------------------

    def _position(self, chunk_id: str) -> int | None:
        known = self._by_id.get(chunk_id)
        if known is not None or not self._size:
            return known
        key = chunk_id.encode()
        pos = int(np.searchsorted(self._sorted_ids, key))
        if pos < self._size and self._sorted_ids[pos] == key:
            return int(self._sorted_docs[pos])
        return None

    def _line(self, data: mmap.mmap, row: int, doc: int) -> bytes:
        start, end = self._offsets[row, doc : doc + 2].tolist()
        return data[start : end - 1]

    def _decode(self, doc: int) -> tuple[Chunk, frozenset[str]]:
        found = self._decoded.get(doc)
        if found is not None:
            return found
        saved = orjson.loads(self._line(self._docs, 0, doc))
        chunk = _chunk_of(saved)
        # The id was saved with the chunk: seed Chunk.id's cache rather than hash the text again.
        chunk.__dict__["id"] = chunk_id = saved["id"]
        tokens = self._line(self._terms, 1, doc).split(b"\t", 1)[0].decode().split()
        decoded = (chunk, frozenset(tokens))
        with self._lock:
            self._decoded[doc] = decoded
            self._by_id[chunk_id] = doc
            while len(self._decoded) > _CACHE:
                _, (old, _) = self._decoded.popitem(last=False)
                self._by_id.pop(old.id, None)
        return decoded

    def chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks of `ids` this snapshot holds, from memory (ids it lacks are left out)."""
        found = {}
        unseen = []
        for chunk_id in ids:
            doc = self._by_id.get(chunk_id)
            if doc is not None:
                found[chunk_id] = self._decode(doc)[0]
            else:
                unseen.append(chunk_id)
        for chunk_id, doc in zip(unseen, self._positions(unseen), strict=True):
            if doc is not None:
                found[chunk_id] = self._decode(doc)[0]
        return found

    def _positions(self, ids: list[str]) -> list[int | None]:
        """Where each of `ids` is in the index, looked up together (one sorted search)."""
        width = self._sorted_ids.dtype.itemsize if self._size else 0
        keys = [i.encode() for i in ids]
        if not keys or not width:
            return [None] * len(ids)
        wanted = np.array(keys, dtype=self._sorted_ids.dtype)
        pos = np.minimum(np.searchsorted(self._sorted_ids, wanted), self._size - 1)
        same = (self._sorted_ids[pos] == wanted).tolist()
        docs = self._sorted_docs[pos].tolist()
        return [
            doc if hit and len(key) <= width else None
            for key, hit, doc in zip(keys, same, docs, strict=True)
        ]

    def tokens_of(self, chunk: Chunk) -> frozenset[str]:
        """The tokens of a chunk's title and text (precomputed for stored chunks)."""
        doc = self._position(chunk.id)
        if doc is not None:
            return self._decode(doc)[1]
        return frozenset(tokenize(chunk.title + " " + chunk.text))

    def chunk_ids(self) -> list[str]:
        """The id of every chunk in the index."""
        return [i.decode() for i in self._doc_ids] if self._size else []

    def saved_chunks(self) -> SavedChunks:
        """Every chunk as saved, in index order, undecoded (to build the next snapshot from)."""
        if not self._size:
            return SavedChunks([], [], [])
        docs = self._docs[:].split(b"\n")[: self._size]  # each line ends with a newline
        terms = self._terms[:].split(b"\n")[: self._size]
        return SavedChunks(self.chunk_ids(), docs, terms)


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
