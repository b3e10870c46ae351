"""Benchmark: sentence splitting and chunking of 0.1, 1 and 5 MB texts, to show linear growth.

Usage: python benchmarks/chunking_scale.py [--corpus PATH] [--repeat R]
The texts are articles of ../shared/corpus/bbc_football.jsonl (or made-up rumour sentences when
it is absent) joined until each size is reached, once as paragraphs and once as a single line.
Prints the seconds for each size and, against 0.1 MB, the time ratio next to the size ratio:
linear growth keeps the two close (10x and 50x).
"""

from __future__ import annotations

import argparse
import json
import sys
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ingest.core.schema import Article
from ingest.core.settings import ChunkConfig
from ingest.core.text.sentences import sentence_spans
from ingest.core.text.tokens import count_tokens
from ingest.pipeline.chunking import chunk_article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_football.jsonl"
SIZES_MB = (0.1, 1.0, 5.0)


def source_text(corpus: Path) -> str:
    """The corpus's article texts as paragraphs, or made-up ones when it is absent."""
    if corpus.exists():
        lines = corpus.read_text(encoding="utf-8").splitlines()
        return "\n\n".join(json.loads(line)["text"] for line in lines if line.strip())
    return "\n\n".join(
        f"Club {n % 20} are reportedly weighing a £{n % 50 + 5}m bid for the striker. "
        f"Mr. Smith, the agent, said talks were at an early stage (Sun)."
        for n in range(2000)
    )


def text_of(size: int, base: str) -> str:
    """`base` repeated up to `size` characters."""
    return (base * (size // len(base) + 1))[:size]


def timed(work: Callable[[], object], repeat: int) -> float:
    """Seconds per run of `work`: the best of `repeat` rounds, each at least 0.2 s long."""
    timer = timeit.Timer(work)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="rounds per size (best reported)")
    args = parser.parse_args()
    paragraphs = source_text(args.corpus)
    one_line = " ".join(paragraphs.split())
    counter = partial(count_tokens, model="gpt-4o-mini")
    counter("warm up the tokenizer")
    config = ChunkConfig()
    print(f"text: {args.corpus.name if args.corpus.exists() else 'made-up sentences'}")
    for label, base in (("paragraphs", paragraphs), ("one line", one_line)):
        results = []
        for mb in SIZES_MB:
            text = text_of(int(mb * 1_000_000), base)
            article = Article(id="bench", title="Benchmark", text=text)
            split = timed(lambda text=text: sum(1 for _ in sentence_spans(text)), args.repeat)
            chunks = chunk_article(article, counter, config)
            chunk = timed(
                lambda article=article: chunk_article(article, counter, config), args.repeat
            )
            results.append((mb, split, chunk, len(chunks)))
        print(f"\n{label}:")
        print(f"{'size':>7} {'split s':>9} {'chunk s':>9} {'chunks':>7} {'size x':>7} {'split x':>8} {'chunk x':>8}")
        _, split0, chunk0, _ = results[0]
        for mb, split, chunk, count in results:
            print(
                f"{mb:>5g}MB {split:9.3f} {chunk:9.3f} {count:7d} {mb / SIZES_MB[0]:7.0f} "
                f"{split / split0:8.1f} {chunk / chunk0:8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
