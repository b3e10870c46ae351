"""Benchmark: the first ingest of a corpus against its re-ingest (same text), as a time ratio.

Usage: python benchmarks/reingest.py [--corpus PATH] [--repeat R]
Reads ../shared/corpus/bbc_football.jsonl by default, into a fresh temporary data dir, through
the same SourceService the CLI uses (lock, registry, hash check), with the local embedder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.app import Services
from ingest.core.settings import Settings
from ingest.index.embedders import LocalEmbedder

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_football.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="re-ingest runs (median reported)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (skipping)")
        return 0
    embedder = LocalEmbedder()
    embedder.embed(["warm up the session"])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))  # type: ignore[call-arg]
        services = Services.build(settings, embedder=embedder)
        try:
            start = time.perf_counter()
            first = services.sources.ingest(jsonl=[args.corpus])
            first_seconds = time.perf_counter() - start
            runs = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                again = services.sources.ingest(jsonl=[args.corpus])
                runs.append(time.perf_counter() - start)
        finally:
            services.close()
    again_seconds = statistics.median(runs)
    print(f"corpus: {args.corpus.name}")
    print(
        f"first ingest: {first_seconds:7.2f} s  new {first.new}, chunks added "
        f"{first.chunks_added}, embeddings {first.embeddings}"
    )
    print(
        f"re-ingest:    {again_seconds:7.2f} s  unchanged {again.unchanged}, chunks added "
        f"{again.chunks_added}, embeddings {again.embeddings} (median of {args.repeat})"
    )
    print(
        f"ratio:        re-ingest takes {again_seconds / first_seconds:.3f} of the first ingest "
        f"({first_seconds / again_seconds:.0f}x faster)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
