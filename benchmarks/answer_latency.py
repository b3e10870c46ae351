"""Benchmark: warm latency of `ask` (extractive) against retrieval alone, and how both grow.

Part 1 (real corpus): per-question latency over the dev questions against an index of the
football corpora (pass --data-dir to reuse one built with `rumour ingest`): retrieval and ask,
side by side, p50 and p95, and ask's p50 and p95 as multiples of retrieval's p50.
Part 2 (synthetic): the same at 1k, 10k and 100k chunks of generated rumour text with random
unit vectors (embedding 100k real chunks would take hours on 2 cores).

Usage: python benchmarks/answer_latency.py [--data-dir DIR] [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bot.app import Services
from ingest.core.schema import Article, Chunk
from ingest.core.settings import Settings
from ingest.index.embedders import LocalEmbedder
from ingest.sources.runner import ingest_files

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [
    "bbc_football.jsonl",
    "bbc_gossip_2021.jsonl",
    "transfermarkt_rumour_snippets.jsonl",
    "seed.jsonl",
]
FIRST = (
    "Kylian Marco Joao Luka Erling Harry Bukayo Declan Jude Pedri Rafael Dusan Victor Bruno".split()
)
LAST = (
    "Silva Rossi Santos Muller Novak Jensen Costa Moreno Diallo Kovac Berg Ruiz Lopez Meyer".split()
)
CLUBS = "Arsenal Chelsea Liverpool Everton Juventus Napoli Porto Benfica Ajax Lyon Sevilla Celtic".split()
VERBS = [
    "are interested in",
    "could sign",
    "have rejected a bid for",
    "have signed",
    "are monitoring",
]


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _p95_ms(samples: list[float]) -> float:
    return round(sorted(samples)[int(0.95 * (len(samples) - 1))] * 1000, 1)


def _side_by_side(services: Services, questions: list[str], k: int) -> dict:
    """Retrieval then ask for each question (each ask retrieves again, as it does in use)."""
    retrieval, ask = [], []
    for question in questions:
        start = time.perf_counter()
        services.retriever.search(question, k)
        retrieval.append(time.perf_counter() - start)
        start = time.perf_counter()
        services.asker.ask(question)
        ask.append(time.perf_counter() - start)
    p50 = statistics.median(retrieval)
    return {
        "retrieval_ms_p50": _median_ms(retrieval),
        "ask_ms_p50": _median_ms(ask),
        "ask_ms_p95": _p95_ms(ask),
        "ask_p50_over_retrieval": round(statistics.median(ask) / p50, 2),
        "ask_p95_over_retrieval": round(sorted(ask)[int(0.95 * (len(ask) - 1))] / p50, 2),
    }


def real_corpus(data_dir: Path | None, embedder: LocalEmbedder) -> dict:
    questions = [json.loads(line)["question"] for line in (SHARED / "eval/dev_qa.jsonl").open()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=data_dir or Path(tmp), generator="extractive")  # type: ignore[call-arg]
        services = Services.build(settings, embedder=embedder)
        if data_dir is None:
            ingest_files(
                services.sources.ingestor, jsonl=[SHARED / "corpus" / name for name in CORPORA]
            )
        chunks = services.reader.count_chunks()
        services.asker.ask(questions[0])  # warm: index loaded, sessions loaded
        result = {"chunks": chunks, **_side_by_side(services, questions, settings.top_k)}
        services.close()
    return result


def _sentence(rng: random.Random) -> str:
    player = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randint(1, 999)}"
    return f"{rng.choice(CLUBS)} {rng.choice(VERBS)} {player}, according to reports in {rng.choice(CLUBS)}."


def synthetic(size: int, embedder: LocalEmbedder) -> dict:
    rng = random.Random(size)
    vectors = np.random.default_rng(size).normal(size=(size, embedder.dimension)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), generator="extractive")  # type: ignore[call-arg]
        services = Services.build(settings, embedder=embedder)
        store = services.sources.store  # the write side, as ingest uses it
        chunks, articles = [], []
        for i in range(size):
            text = " ".join(_sentence(rng) for _ in range(3))
            article = Article(
                id=f"syn-{i}",
                title=f"Rumour {i}",
                text=text,
                source="Synthetic",
                published=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )
            articles.append(article)
            chunks.append(
                Chunk(
                    article.id,
                    0,
                    0,
                    len(text),
                    text,
                    article.title,
                    article.source,
                    published=article.published,
                )
            )
        start = time.perf_counter()
        store.put_chunks(chunks, vectors.tolist())
        store.put_articles([(article, 1) for article in articles[:2000]])  # what ask quotes
        load_s = time.perf_counter() - start
        questions = [
            f"Are {rng.choice(CLUBS)} signing {c.text.split(',')[0].split()[-2]} {c.text.split(',')[0].split()[-1]}?"
            for c in rng.sample(chunks[:2000], 30)
        ]
        start = time.perf_counter()
        services.retriever.search(questions[0], settings.top_k)
        first_s = time.perf_counter() - start
        result = {
            "chunks": size,
            "load_s": round(load_s, 1),
            "first_query_s": round(first_s, 2),
            **_side_by_side(services, questions, settings.top_k),
        }
        services.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--skip-real", action="store_true")
    args = parser.parse_args()
    embedder = LocalEmbedder()
    if not args.skip_real:
        if (SHARED / "eval/dev_qa.jsonl").exists():
            print("real corpus:", json.dumps(real_corpus(args.data_dir, embedder)), flush=True)
        else:
            print(f"{SHARED} not found: skipping the real-corpus part")
    rows = [synthetic(int(size), embedder) for size in args.sizes.split(",") if size]
    for row in rows:
        print("synthetic:  ", json.dumps(row), flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["chunks"] / first["chunks"]
        print(
            f"{growth:.0f}x the chunks: retrieval {last['retrieval_ms_p50'] / first['retrieval_ms_p50']:.1f}x, "
            f"ask {last['ask_ms_p50'] / first['ask_ms_p50']:.1f}x slower"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
