"""Writing one lexical snapshot: the chunks' terms, bm25s's index, and what readers look up in.

A snapshot directory holds bm25s's own saved index (score matrix and parameters, which bm25s
memory-maps) and, one line per chunk in index order, the chunks (`chunks.jsonl`) and their terms
(`terms.txt`: tokens, mid-sentence words, capitalised ones), with arrays of line offsets, so a
reader opens a snapshot in a few milliseconds whatever its size and decodes only the chunks a
question touches (ingest.index.lexical_snapshot). Sorted arrays look up terms and chunk ids.
`manifest.json` is written last and lists every file with its size, so a half-written snapshot
is never taken for a whole one.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import orjson

from ingest.core.schema import Chunk
from ingest.core.text.folding import tokenize

log = logging.getLogger(__name__)

FORMAT = 2
MANIFEST = "manifest.json"
CHUNKS, TERMS, OFFSETS = "chunks.jsonl", "terms.txt", "offsets.npy"
VOCAB, VOCAB_ROWS = "vocab.npy", "vocab_rows.npy"  # sorted terms; [bm25s id, capitalised, seen]
DOC_IDS, SORTED_IDS, SORTED_DOCS = "doc_ids.npy", "sorted_ids.npy", "sorted_docs.npy"

# A word that follows a lowercase word or a comma, so its capital letter is not sentence-initial.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-zÀ-ÿ][\w'’-]*)")


class SnapshotError(Exception):
    """A snapshot directory is missing, incomplete or of another format (rebuild it)."""


@dataclass(frozen=True)
class SavedChunk:
    """One chunk as a snapshot keeps it: its JSON line and its terms line (both without newline)."""

    id: str
    doc: bytes
    terms: bytes


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(tokenize(word))


def saved_chunk(chunk: Chunk) -> SavedChunk:
    """A chunk with what BM25 and name detection need: its tokens and its mid-sentence words."""
    mid: list[str] = []
    capitalised: list[str] = []
    for match in _MID_SENTENCE_WORD.finditer(chunk.text):
        word = match.group(1)
        terms = _word_terms(word)
        mid.extend(terms)
        if word[0].isupper():
            capitalised.extend(terms)
    tokens = tokenize(chunk.title + " " + chunk.text)
    line = "\t".join((" ".join(tokens), " ".join(mid), " ".join(capitalised)))
    doc = {"id": chunk.id, "text": chunk.text, "meta": chunk.metadata()}
    return SavedChunk(chunk.id, orjson.dumps(doc), line.encode())  # tokens are ASCII


@dataclass(frozen=True)
class SavedChunks:
    """Chunks as a snapshot keeps them, column by column, in index order."""

    ids: list[str]
    docs: list[bytes]
    terms: list[bytes]

    @classmethod
    def of(cls, chunks: Iterable[SavedChunk]) -> SavedChunks:
        """The columns of `chunks`."""
        rows = list(chunks)
        return cls([c.id for c in rows], [c.doc for c in rows], [c.terms for c in rows])

    def without(self, ids: set[str]) -> SavedChunks:
        """These chunks but those of `ids`."""
        keep = [n for n, chunk_id in enumerate(self.ids) if chunk_id not in ids]
        return SavedChunks(
            [self.ids[n] for n in keep], [self.docs[n] for n in keep], [self.terms[n] for n in keep]
        )

    def __add__(self, other: SavedChunks) -> SavedChunks:
        return SavedChunks(self.ids + other.ids, self.docs + other.docs, self.terms + other.terms)


def write_snapshot(directory: Path, chunks: SavedChunks, revision: str) -> None:
    """Index `chunks` with bm25s and save everything a reader needs into `directory`."""
    directory.mkdir(parents=True)
    if chunks.ids:
        terms = [line.split(b"\t") for line in chunks.terms]
        model = bm25s.BM25()
        model.index([t[0].decode().split() for t in terms], show_progress=False)
        model.save(directory, show_progress=False)
        _save_lines(directory, chunks.docs, chunks.terms)
        _save_vocab(directory, model.vocab_dict, terms)
        _save_ids(directory, chunks.ids)
    files = sorted(p.name for p in directory.iterdir())
    manifest = {
        "format": FORMAT,
        "revision": revision,
        "chunks": len(chunks.ids),
        "files": {name: (directory / name).stat().st_size for name in files},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _save_lines(directory: Path, docs: list[bytes], terms: list[bytes]) -> None:
    offsets = np.zeros((2, len(docs) + 1), dtype=np.int64)
    for row, (name, lines) in enumerate(((CHUNKS, docs), (TERMS, terms))):
        (directory / name).write_bytes(b"\n".join(lines) + b"\n")
        np.cumsum([len(line) + 1 for line in lines], out=offsets[row, 1:])
    np.save(directory / OFFSETS, offsets)


def _save_vocab(directory: Path, vocab: dict[str, int], terms: list[list[bytes]]) -> None:
    seen = Counter(b" ".join(t[1] for t in terms).split())
    capitalised = Counter(b" ".join(t[2] for t in terms).split())
    words = sorted(t.encode() for t in vocab if t)
    rows = [(vocab[w.decode()], capitalised.get(w, 0), seen.get(w, 0)) for w in words]
    np.save(directory / VOCAB, np.array(words, dtype=bytes))
    np.save(directory / VOCAB_ROWS, np.array(rows, dtype=np.int32).reshape(len(words), 3))


def _save_ids(directory: Path, ids: list[str]) -> None:
    doc_ids = np.array([i.encode() for i in ids], dtype=bytes)
    order = np.argsort(doc_ids, kind="stable").astype(np.int32)
    np.save(directory / DOC_IDS, doc_ids)
    np.save(directory / SORTED_IDS, doc_ids[order])
    np.save(directory / SORTED_DOCS, order)


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
