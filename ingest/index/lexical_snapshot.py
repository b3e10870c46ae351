"""One saved BM25 index of the stored chunks: written once by ingest, memory-mapped to query.

A snapshot directory holds bm25s's own files (score matrix, parameters, and the chunks as its
JSON Lines corpus) plus a few arrays of ours: the vocabulary sorted for lookups, how often the
articles capitalise each term mid-sentence, and the chunk ids sorted for lookups. `manifest.json`
is written last and lists every file with its size, so a half-written snapshot is never taken
for a whole one.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from ingest.core.schema import Chunk
from ingest.core.text.folding import tokenize

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
_TERMS, _TERM_IDS, _NAMES = "terms.npy", "term_ids.npy", "names.npy"
_DOC_IDS, _SORTED_IDS, _SORTED_DOCS = "doc_ids.npy", "sorted_ids.npy", "sorted_docs.npy"
_DECODED_CACHE = 4096  # decoded chunks kept per snapshot (a question touches ~100)

# A word that follows a lowercase word or a comma, so its capital letter is not sentence-initial.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-zÀ-ÿ][\w'’-]*)")

Entry = dict[str, Any]  # one chunk as the snapshot keeps it (a line of bm25s's corpus file)


class SnapshotError(Exception):
    """A snapshot directory is missing, incomplete or of another format (rebuild it)."""


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(tokenize(word))


def chunk_entry(chunk: Chunk) -> Entry:
    """A chunk with what BM25 and name detection need: its tokens and its mid-sentence words."""
    mid: list[str] = []
    capitalised: list[str] = []
    for match in _MID_SENTENCE_WORD.finditer(chunk.text):
        word = match.group(1)
        terms = _word_terms(word)
        mid.extend(terms)
        if word[0].isupper():
            capitalised.extend(terms)
    return {
        "id": chunk.id,
        "text": chunk.text,
        "meta": chunk.metadata(),
        "tokens": " ".join(tokenize(chunk.title + " " + chunk.text)),
        "mid": " ".join(mid),
        "cap": " ".join(capitalised),
    }


def _chunk_of(entry: Entry) -> Chunk:
    return Chunk.from_stored(entry["text"], entry["meta"])


def write_snapshot(directory: Path, entries: Sequence[Entry], revision: str) -> None:
    """Index `entries` with bm25s and save everything a reader needs into `directory`."""
    directory.mkdir(parents=True)
    files: list[str] = []
    if entries:
        model = bm25s.BM25()
        model.index([e["tokens"].split() for e in entries], show_progress=False)
        model.save(directory, corpus=entries, show_progress=False)
        files += [p.name for p in directory.iterdir()]
        _save_terms(directory, model.vocab_dict, entries)
        _save_ids(directory, [e["id"] for e in entries])
        files += [_TERMS, _TERM_IDS, _NAMES, _DOC_IDS, _SORTED_IDS, _SORTED_DOCS]
    manifest = {
        "format": FORMAT,
        "revision": revision,
        "chunks": len(entries),
        "files": {name: (directory / name).stat().st_size for name in sorted(files)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _save_terms(directory: Path, vocab: dict[str, int], entries: Sequence[Entry]) -> None:
    terms = sorted(t for t in vocab if t)
    np.save(directory / _TERMS, np.array([t.encode() for t in terms], dtype=bytes))
    np.save(directory / _TERM_IDS, np.array([vocab[t] for t in terms], dtype=np.int32))
    capitalised: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    for entry in entries:
        capitalised.update(entry["cap"].split())
        mid.update(entry["mid"].split())
    names = np.zeros((len(vocab), 2), dtype=np.int32)
    for term, count in mid.items():
        if term in vocab:
            names[vocab[term]] = (capitalised.get(term, 0), count)
    np.save(directory / _NAMES, names)


def _save_ids(directory: Path, ids: list[str]) -> None:
    doc_ids = np.array([i.encode() for i in ids], dtype=bytes)
    order = np.argsort(doc_ids, kind="stable").astype(np.int32)
    np.save(directory / _DOC_IDS, doc_ids)
    np.save(directory / _SORTED_IDS, doc_ids[order])
    np.save(directory / _SORTED_DOCS, order)


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of a complete snapshot; SnapshotError if any file is missing or cut short."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise SnapshotError(f"{directory} has format {manifest.get('format')}, not {FORMAT}")
        for name, size in manifest["files"].items():
            if (directory / name).stat().st_size != size:
                raise SnapshotError(f"{directory / name} is not the size its manifest records")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SnapshotError(f"{directory} is not a complete lexical snapshot: {exc}") from exc
    return dict(manifest)


class LexicalSnapshot:
    """The BM25 index and term statistics of one store revision; cheap to query repeatedly."""

    def __init__(self, revision: str, directory: Path | None = None) -> None:
        self.revision = revision
        self.directory = directory
        self._lock = threading.Lock()
        self._decoded: OrderedDict[int, tuple[Chunk, frozenset[str]]] = OrderedDict()
        self._by_id: dict[str, int] = {}
        self._size = 0
        if directory is None:
            return
        manifest = read_manifest(directory)
        self._size = int(manifest["chunks"])
        if not self._size:
            return
        try:
            self._model = bm25s.BM25.load(
                directory,
                mmap=True,
                load_corpus=True,
                load_vocab=False,  # terms are looked up in our sorted array instead
                show_progress=False,
                verbosity=0,
            )
            arrays = {
                name: np.load(directory / name, mmap_mode="r")
                for name in (_TERMS, _TERM_IDS, _NAMES, _DOC_IDS, _SORTED_IDS, _SORTED_DOCS)
            }
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{directory} could not be loaded: {exc}") from exc
        self._corpus = self._model.corpus
        self._terms, self._term_ids = arrays[_TERMS], arrays[_TERM_IDS]
        self._names, self._doc_ids = arrays[_NAMES], arrays[_DOC_IDS]
        self._sorted_ids, self._sorted_docs = arrays[_SORTED_IDS], arrays[_SORTED_DOCS]
        self._indptr = self._model.scores["indptr"]

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

    def _term_id(self, term: str) -> int | None:
        if not self._size or not term.isascii():
            return None
        key = term.encode()
        pos = int(np.searchsorted(self._terms, key))
        if pos < len(self._terms) and self._terms[pos] == key:
            return int(self._term_ids[pos])
        return None

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
        term_id = self._term_id(term)
        if term_id is None:
            return None
        capitalised, seen = (int(v) for v in self._names[term_id])
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
        return [
            (self._doc_ids[d].decode(), float(v))
            for d, v in zip(docs[order], values[order], strict=True)
        ]

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

    def _decode(self, doc: int) -> tuple[Chunk, frozenset[str]]:
        with self._lock:
            found = self._decoded.get(doc)
            if found is not None:
                return found
            entry = self._corpus[doc]  # bm25s's corpus reader is not thread-safe
        decoded = (_chunk_of(entry), frozenset(entry["tokens"].split()))
        with self._lock:
            self._decoded[doc] = decoded
            self._by_id[entry["id"]] = doc
            while len(self._decoded) > _DECODED_CACHE:
                _, (chunk, _) = self._decoded.popitem(last=False)
                self._by_id.pop(chunk.id, None)
        return decoded

    def chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks of `ids` this snapshot holds, from memory (ids it lacks are left out)."""
        found = {}
        for chunk_id in ids:
            doc = self._position(chunk_id)
            if doc is not None:
                found[chunk_id] = self._decode(doc)[0]
        return found

    def tokens_of(self, chunk: Chunk) -> frozenset[str]:
        """The tokens of a chunk's title and text (precomputed for stored chunks)."""
        doc = self._position(chunk.id)
        if doc is not None:
            return self._decode(doc)[1]
        return frozenset(tokenize(chunk.title + " " + chunk.text))

    def entries(self) -> Iterator[Entry]:
        """Every chunk as saved, in index order (for building the next snapshot)."""
        for doc in range(self._size):
            with self._lock:
                entry = self._corpus[doc]
            yield entry
