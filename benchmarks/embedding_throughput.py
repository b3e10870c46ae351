"""Benchmark: `rumour ingest` from the command line against the raw local embedder, in chunks/s.

Both run on the same chunks, alternately, `--repeat` times each; the ratio of the medians is
what to look at (the machine may be shared). The CLI run is a fresh process ingesting into an
empty data dir, so it includes start-up, chunking, storing and saving the lexical index.

Usage: python benchmarks/embedding_throughput.py [--corpus PATH] [--limit N] [--repeat R]
Reads ../shared/corpus/bbc_football.jsonl by default.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from ingest.core.settings import Settings
from ingest.core.text.tokens import count_tokens
from ingest.index.embedders import LocalEmbedder
from ingest.parsing.loaders import load_jsonl
from ingest.pipeline.chunking import chunk_article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc_football.jsonl"


def cli_ingest(corpus: Path) -> tuple[float, int]:
    """Seconds for `rumour ingest --jsonl corpus` into a fresh data dir, and chunks it added."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "RUMOUR_DATA_DIR": str(Path(tmp) / "data"),
            "RUMOUR_GENERATOR": "extractive",
            "PYTHONPATH": str(REPO),
        }
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "ingest", "--jsonl", str(corpus), "--json"],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - start
    return seconds, json.loads(done.stdout)["chunks"]["added"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each (medians reported)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (skipping)")
        return 0
    articles = [item.article for item in load_jsonl(args.corpus) if item.article]
    corpus = args.corpus
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            articles = articles[: args.limit]
            corpus = Path(tmp) / "limited.jsonl"
            lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.limit]
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        counter = partial(count_tokens, model=settings.chat_model)
        config = settings.chunking
        texts = [c.text for a in articles for c in chunk_article(a, counter, config)]
        embedder = LocalEmbedder(settings.embed_batch_size)
        embedder.embed(texts[:8])  # load the model

        embed_rates, cli_rates = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            embedder.embed(texts)
            embed_rates.append(len(texts) / (time.perf_counter() - start))
            seconds, added = cli_ingest(corpus)
            cli_rates.append(added / seconds)
    embed_rate, cli_rate = statistics.median(embed_rates), statistics.median(cli_rates)
    print(f"articles: {len(articles)}  chunks: {len(texts)}  ({config.max_tokens}-token chunks)")
    print(f"raw local embedder: {embed_rate:7.1f} chunks/s  runs {_rounded(embed_rates)}")
    print(f"rumour ingest (CLI): {cli_rate:6.1f} chunks/s  runs {_rounded(cli_rates)}")
    print(f"CLI ingest / raw embedder: {cli_rate / embed_rate:.2f}")
    return 0


def _rounded(values: list[float]) -> list[float]:
    return [round(v, 1) for v in values]


if __name__ == "__main__":
    sys.exit(main())
