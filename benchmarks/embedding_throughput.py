"""Benchmark: local embedder throughput (chunks/s) and full ingest throughput as a ratio of it.

Usage: python benchmarks/embedding_throughput.py [--corpus PATH] [--limit N] [--repeat R]
Reads ../shared/corpus/bbc_football.jsonl by default; both numbers are measured on the same chunks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from ingest.core.settings import Settings
from ingest.core.text.tokens import count_tokens
from ingest.index.embedders import LocalEmbedder
from ingest.index.opening import open_index
from ingest.parsing.loaders import load_jsonl
from ingest.pipeline.chunking import chunk_article
from ingest.pipeline.ingestor import Ingestor

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_football.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="embedding runs (median reported)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (skipping)")
        return 0
    articles = [item.article for item in load_jsonl(args.corpus) if item.article]
    if args.limit:
        articles = articles[: args.limit]
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    counter = partial(count_tokens, model=settings.chat_model)
    config = settings.chunking
    texts = [c.text for a in articles for c in chunk_article(a, counter, config)]
    embedder = LocalEmbedder(settings.embed_batch_size)
    embedder.embed(texts[:8])  # warm up the session

    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        embedder.embed(texts)
        runs.append(time.perf_counter() - start)
    embed_rate = len(texts) / statistics.median(runs)

    with tempfile.TemporaryDirectory() as tmp:
        index = open_index(Settings(_env_file=None, data_dir=Path(tmp)), embedder=embedder)  # type: ignore[call-arg]
        start = time.perf_counter()
        report = Ingestor.for_index(index).ingest(articles)
        ingest_seconds = time.perf_counter() - start
    ingest_rate = report.chunks_added / ingest_seconds

    print(f"articles: {len(articles)}  chunks: {len(texts)}  ({config.max_tokens}-token chunks)")
    print(f"local embedder:   {embed_rate:8.1f} chunks/s (median of {args.repeat})")
    print(f"full ingest:      {ingest_rate:8.1f} chunks/s (chunk + embed + store)")
    print(f"ingest / embed:   {ingest_rate / embed_rate:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
