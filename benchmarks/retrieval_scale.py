"""Benchmark: hybrid retrieval at scale against its parts, and the first question after a change.

Builds a synthetic store (generated rumour text, random unit vectors: embedding 100k real chunks
would take over an hour on 2 cores) and measures, side by side and per question:

- retrieval (`Retriever.search`, hybrid, top_k) against the sum of its parts: embedding the
  question, the Chroma query (ids and distances of the 50 nearest) and BM25 over the saved
  bm25s index (scores and the top 50);
- the first question after a change (a new article ingested through the real write path, which
  saves the next lexical snapshot) against warm questions, in a second `Index` on the same data
  dir, which loads the snapshot from disk as another process would;
- how long a stale index takes to rebuild from the store (the fallback after a crash, or when
  another host wrote to a shared Chroma server).

Usage: python benchmarks/retrieval_scale.py [--chunks 100000] [--questions 40] [--changes 5]
                                            [--data-dir DIR]   # reuse a store built before
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from bot.answering.query import parse_query
from bot.answering.retrieval import Retriever
from ingest.core.schema import Article, Chunk
from ingest.core.settings import Settings
from ingest.index.embedders import LocalEmbedder
from ingest.index.opening import Index, open_index
from ingest.index.store import make_chroma_client, open_collections
from ingest.index.writer import ChromaWriter
from ingest.pipeline.ingestor import Ingestor

FIRST = "Kylian Marco Joao Luka Erling Harry Bukayo Declan Jude Pedri Rafael Dusan Victor".split()
LAST = "Silva Rossi Santos Muller Novak Jensen Costa Moreno Diallo Kovac Berg Ruiz Lopez".split()
CLUBS = "Arsenal Chelsea Liverpool Everton Juventus Napoli Porto Benfica Ajax Lyon Celtic".split()
VERBS = ["are interested in", "could sign", "have rejected a bid for", "are monitoring"]
HELPER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bm25")  # as Services has


def _sentence(rng: random.Random) -> str:
    player = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randint(1, 999)}"
    club, other = rng.choice(CLUBS), rng.choice(CLUBS)
    return f"{club} {rng.choice(VERBS)} {player}, according to reports in {other}."


def build(settings: Settings, embedder: LocalEmbedder, size: int) -> float:
    """Store `size` synthetic chunks (and save their lexical index); returns the seconds taken."""
    rng = random.Random(size)
    vectors = np.random.default_rng(size).normal(size=(size, embedder.dimension))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = []
    for i in range(size):
        text = " ".join(_sentence(rng) for _ in range(3))
        published = f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"
        chunks.append(
            Chunk(f"syn-{i}", 0, 0, len(text), text, f"Rumour {i}", "Synthetic", "", published)
        )
    index = open_index(settings, embedder=embedder)
    start = time.perf_counter()
    index.writer.put_chunks(chunks, vectors.astype(np.float32).tolist())
    return time.perf_counter() - start


def questions(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        f"Are {rng.choice(CLUBS)} signing {rng.choice(FIRST)} {rng.choice(LAST)}{rng.randint(1, 999)}?"
        for _ in range(count)
    ]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def against_parts(index: Index, embedder: LocalEmbedder, asked: list[str], k: int) -> dict:
    """Per question: retrieval, and its parts timed on their own (alternating which goes first)."""
    # As Services builds it, but without the query cache: every search embeds its question.
    retriever = Retriever(index.reader, embedder, index.lexical, helper=HELPER)
    retriever.search(asked[0], k)
    full, parts, embed, chroma, bm25 = [], [], [], [], []
    for n, question in enumerate(asked):
        query = parse_query(question)

        def time_parts(query=query) -> None:
            start = time.perf_counter()
            vector = embedder.embed([query.resolved])[0]
            embedded = time.perf_counter()
            index.reader.nearest(vector, retriever.candidates)
            queried = time.perf_counter()
            index.lexical.snapshot().search(query.expanded, retriever.candidates)
            done = time.perf_counter()
            embed.append(embedded - start)
            chroma.append(queried - embedded)
            bm25.append(done - queried)
            parts.append(done - start)

        def time_full(question=question) -> None:
            start = time.perf_counter()
            retriever.search(question, k)
            full.append(time.perf_counter() - start)

        for step in (time_parts, time_full) if n % 2 else (time_full, time_parts):
            step()
    ratios = [f / p for f, p in zip(full, parts, strict=True)]
    return {
        "retrieval_ms_p50": _ms(statistics.median(full)),
        "parts_ms_p50": _ms(statistics.median(parts)),
        "ratio_p50": round(statistics.median(ratios), 2),
        "embed_ms_p50": _ms(statistics.median(embed)),
        "chroma_ms_p50": _ms(statistics.median(chroma)),
        "bm25_ms_p50": _ms(statistics.median(bm25)),
    }


def after_changes(
    settings: Settings, writer: Index, reader: Index, embedder: LocalEmbedder, k: int, changes: int
) -> dict:
    """For each change: save time in the writer, then the reader's first question against warm ones."""
    retriever = Retriever(reader.reader, embedder, reader.lexical, helper=HELPER)
    ingestor = Ingestor.for_index(writer)
    asked = questions(6 * changes + 1, seed=7)
    retriever.search(asked.pop(), k)
    saves, firsts, warms, ratios = [], [], [], []
    for n in range(changes):
        article = Article(
            id=f"change-{n}-{time.time_ns()}",
            title=f"Change {n}",
            text=" ".join(_sentence(random.Random(n)) for _ in range(4)),
            source="Synthetic",
        )
        start = time.perf_counter()
        ingestor.ingest([article])
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        retriever.search(asked.pop(), k)
        first = time.perf_counter() - start
        warm = []
        for _ in range(5):
            start = time.perf_counter()
            retriever.search(asked.pop(), k)
            warm.append(time.perf_counter() - start)
        firsts.append(first)
        warms.append(statistics.median(warm))
        ratios.append(first / statistics.median(warm))
    return {
        "ingest_one_article_s_p50": round(statistics.median(saves), 2),
        "first_after_change_ms_p50": _ms(statistics.median(firsts)),
        "warm_ms_p50": _ms(statistics.median(warms)),
        "first_over_warm_p50": round(statistics.median(ratios), 2),
        "first_over_warm_max": round(max(ratios), 2),
    }


def stale_rebuild(settings: Settings, reader: Index, embedder: LocalEmbedder) -> float:
    """Seconds the next search takes after a write the saved index never heard of."""
    client = make_chroma_client(settings)
    blind = ChromaWriter(open_collections(client, embedder, settings.collection))  # no lexical
    chunk = Chunk("stale-1", 0, 0, 20, "A stale-index probe.", "Probe", "Synthetic")
    blind.put_chunks([chunk], [embedder.embed([chunk.text])[0]])
    start = time.perf_counter()
    reader.lexical.snapshot()
    seconds = time.perf_counter() - start
    blind.delete_chunks([chunk.id])
    reader.lexical.snapshot()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse (or keep) this store")
    parser.add_argument("--skip-rebuild", action="store_true", help="do not time the fallback")
    args = parser.parse_args()
    embedder = LocalEmbedder()
    embedder.embed(["load the model"])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        settings = Settings(_env_file=None, data_dir=data_dir, generator="extractive")  # type: ignore[call-arg]
        if not (data_dir / "chroma").exists():
            seconds = build(settings, embedder, args.chunks)
            print(f"built: {args.chunks} chunks stored and indexed in {seconds:.1f} s", flush=True)
        writer = open_index(settings, embedder=embedder)
        reader = open_index(settings, embedder=embedder)  # its own lexical index, as a process
        start = time.perf_counter()
        reader.lexical.snapshot()
        print(
            f"chunks: {reader.reader.count_chunks()}  first load of the lexical index: "
            f"{(time.perf_counter() - start) * 1000:.1f} ms",
            flush=True,
        )
        top_k = settings.top_k
        print(
            "retrieval vs parts:",
            against_parts(reader, embedder, questions(args.questions, 1), top_k),
            flush=True,
        )
        print(
            "after a change:    ",
            after_changes(settings, writer, reader, embedder, top_k, args.changes),
            flush=True,
        )
        if not args.skip_rebuild:
            print(
                f"stale index rebuilt from the store (fallback): {stale_rebuild(settings, reader, embedder):.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
