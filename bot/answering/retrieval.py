"""Hybrid retrieval: dense (Chroma) and BM25 fused by reciprocal rank, deduplicated and diverse."""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal

import numpy as np

from bot.answering.query import Query, parse_query, subject_weights
from ingest.core.schema import Chunk, published_timestamp
from ingest.index.embedders import Embedder
from ingest.index.lexical import LexicalIndex, LexicalSnapshot
from ingest.index.store import StoreReader

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]
_RRF_K = 60
_FUSION_WEIGHT = 10.0  # fused RRF scores (~0.02-0.03) scaled to break ties within a coverage level
_NEAR_DUPLICATE = 0.8  # Jaccard overlap of token sets above which two chunks are one


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the ranks that produced it."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    dense_score: float = 0.0
    also: tuple[Chunk, ...] = ()  # near-identical chunks of other articles (syndicated copies)


@dataclass(frozen=True)
class Retrieval:
    """The hits for a question, with the question as parsed and as embedded."""

    query: Query
    hits: list[Hit]
    vector: np.ndarray | None  # the question's embedding; None when the search was lexical only


class Retriever:
    """Finds the chunks that answer a question; reads the index, never writes it."""

    def __init__(
        self,
        store: StoreReader,
        embedder: Embedder,
        lexical: LexicalIndex,
        *,
        candidates: int = 50,
        per_article: int = 2,
        helper: Executor | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.lexical = lexical
        self.candidates = candidates
        self.per_article = per_article
        self.helper = helper  # runs BM25 while this thread embeds and queries Chroma

    def search(
        self,
        question: str | Query,
        k: int,
        *,
        mode: Mode = "hybrid",
        recent: bool | None = None,
    ) -> list[Hit]:
        """The k best chunks for a question, best first; at most `per_article` per article.

        Dense-only and BM25-only `mode`s exist for evaluation.
        """
        return self.retrieve(question, k, mode=mode, recent=recent).hits

    def retrieve(
        self,
        question: str | Query,
        k: int,
        *,
        mode: Mode = "hybrid",
        recent: bool | None = None,
    ) -> Retrieval:
        """`search`, also giving the parsed question and its embedding (to reuse, not recompute)."""
        query = parse_query(question) if isinstance(question, str) else question
        snapshot = self.lexical.snapshot()  # one cheap freshness check per search
        vector = None
        dense: list[tuple[str, float]] = []
        lexical: tuple[list[tuple[str, float]], dict[str, Chunk]] = ([], {})
        bm25 = partial(_lexical_side, query, snapshot, self.candidates)
        # The embedding and Chroma release the GIL, so BM25 runs beside them on the helper;
        # if no helper thread is free yet, this thread runs it afterwards instead.
        pending = self.helper.submit(bm25) if self.helper and mode == "hybrid" else None
        if mode in ("hybrid", "dense"):
            vector = np.asarray(self.embedder.embed([query.resolved])[0], dtype=np.float32)
            dense = self.store.nearest(vector, self.candidates)
        if pending is not None and not pending.cancel():
            lexical = pending.result()
        elif mode in ("hybrid", "lexical"):
            lexical = bm25()
        chunks = _chunks_of(dense, lexical, snapshot, self.store)
        fused = _fuse(dense, lexical[0], chunks)
        if query.recent if recent is None else recent:
            fused = _prefer_recent(fused)  # a third ranking in the fusion, before subjects
        tokens = {hit.chunk.id: snapshot.tokens_of(hit.chunk) for hit in fused}
        if mode == "hybrid":
            fused = _prefer_subjects(query, fused, snapshot, tokens)
        return Retrieval(query, _diversify(fused, k, self.per_article, tokens), vector)


def _lexical_side(
    query: Query, snapshot: LexicalSnapshot, candidates: int
) -> tuple[list[tuple[str, float]], dict[str, Chunk]]:
    """BM25's best chunk ids for the question, and their chunks (from the snapshot)."""
    ranked = snapshot.search(query.expanded, candidates)
    return ranked, snapshot.chunks([chunk_id for chunk_id, _ in ranked])


def _chunks_of(
    dense: list[tuple[str, float]],
    lexical: tuple[list[tuple[str, float]], dict[str, Chunk]],
    snapshot: LexicalSnapshot,
    store: StoreReader,
) -> dict[str, Chunk]:
    """The candidates' chunks from the lexical snapshot; the store only for ones it lacks yet."""
    ranked, chunks = lexical
    chunks = {**chunks, **snapshot.chunks(i for i, _ in dense if i not in chunks)}
    ids = dict.fromkeys(chunk_id for chunk_id, _ in (*dense, *ranked))
    missing = [chunk_id for chunk_id in ids if chunk_id not in chunks]
    if missing:  # written since the snapshot was saved (an ingest is under way)
        chunks.update(store.get_chunks(missing))
    return chunks


def _prefer_subjects(
    query: Query,
    hits: list[Hit],
    snapshot: LexicalSnapshot,
    tokens: dict[str, frozenset[str]],
) -> list[Hit]:
    """Rank chunks that name the question's subjects above those that only resemble it.

    Embeddings blur names the model never saw ("Bartley", "Santini"); rank fusion alone lets
    chunks that are mediocre in both lists beat the one chunk that names every subject.
    """
    weights = subject_weights(query, snapshot)
    rescored = []
    for hit in hits:
        coverage = query.coverage(weights, tokens[hit.chunk.id])
        rescored.append(_rescored(hit, coverage + _FUSION_WEIGHT * hit.score))
    return sorted(rescored, key=lambda h: h.score, reverse=True)


def _rescored(hit: Hit, score: float) -> Hit:
    """`hit` with another score (what dataclasses.replace does, without its overhead)."""
    return Hit(hit.chunk, score, hit.dense_rank, hit.lexical_rank, hit.dense_score, hit.also)


def _fuse(
    dense: list[tuple[str, float]], lexical: list[tuple[str, float]], chunks: dict[str, Chunk]
) -> list[Hit]:
    """Reciprocal rank fusion of the two rankings (of chunk ids, with `chunks` to look them up)."""
    scores: dict[str, float] = {}
    dense_ranks: dict[str, tuple[int, float]] = {}
    lexical_ranks: dict[str, int] = {}
    for rank, (chunk_id, similarity) in enumerate(dense, start=1):
        scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (_RRF_K + rank)
        dense_ranks[chunk_id] = (rank, similarity)
    for rank, (chunk_id, _) in enumerate(lexical, start=1):
        scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (_RRF_K + rank)
        lexical_ranks[chunk_id] = rank
    hits = []
    for chunk_id, score in scores.items():
        chunk = chunks.get(chunk_id)
        if chunk is None:  # removed since it was ranked
            continue
        dense_rank, similarity = dense_ranks.get(chunk_id, (None, 0.0))
        hits.append(Hit(chunk, score, dense_rank, lexical_ranks.get(chunk_id), similarity))
    return sorted(hits, key=lambda h: h.score, reverse=True)


def _prefer_recent(hits: list[Hit]) -> list[Hit]:
    """Add a third ranking, newest first, so recent articles rise among relevant ones."""
    dated = sorted(
        (h for h in hits if _timestamp(h.chunk)), key=lambda h: _timestamp(h.chunk), reverse=True
    )
    bonus = {h.chunk.id: 1.0 / (_RRF_K + rank) for rank, h in enumerate(dated, start=1)}
    boosted = [_rescored(h, h.score + bonus.get(h.chunk.id, 0.0)) for h in hits]
    return sorted(boosted, key=lambda h: h.score, reverse=True)


def _timestamp(chunk: Chunk) -> int:
    return published_timestamp(chunk.published)


def _diversify(
    hits: list[Hit], k: int, per_article: int, tokens: dict[str, frozenset[str]]
) -> list[Hit]:
    """Collapse near-duplicate chunks (syndicated copies) into one hit and cap chunks per article.

    A collapsed copy from another article stays reachable as `Hit.also`, so a round-up can credit
    every outlet that carried the story.
    """
    kept: list[Hit] = []
    kept_tokens: list[tuple[frozenset[str], int]] = []  # with their sizes
    copies: list[list[Chunk]] = []
    per: dict[str, int] = {}
    for hit in hits:
        own = tokens[hit.chunk.id]
        size = len(own)
        duplicate = next(
            (i for i, (seen, n) in enumerate(kept_tokens) if _near(own, size, seen, n)), None
        )
        if duplicate is not None:
            if hit.chunk.article_id != kept[duplicate].chunk.article_id:
                copies[duplicate].append(hit.chunk)
            continue
        if len(kept) == k or per.get(hit.chunk.article_id, 0) >= per_article:
            continue
        kept.append(hit)
        kept_tokens.append((own, size))
        copies.append([])
        per[hit.chunk.article_id] = per.get(hit.chunk.article_id, 0) + 1
    return [replace(hit, also=tuple(extra)) for hit, extra in zip(kept, copies, strict=True)]


def _near(a: frozenset[str], size_a: int, b: frozenset[str], size_b: int) -> bool:
    """Whether two token sets overlap by _NEAR_DUPLICATE (Jaccard) or more.

    The overlap is at most the smaller size over the larger, and _NEAR_DUPLICATE is 4/5, so
    sets whose sizes differ by more than that are told apart without comparing them.
    """
    if 5 * min(size_a, size_b) < 4 * max(size_a, size_b):
        return False
    return _jaccard(a, b) >= _NEAR_DUPLICATE


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return float(a == b)
    common = len(a & b)
    return common / (len(a) + len(b) - common)
