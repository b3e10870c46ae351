"""Report: how many bad model sentences the answer verifier catches, and faithful ones it keeps.

Usage: python benchmarks/verifier_report.py [--verbose] [--corpus N]

Ingests the adversarial suite's articles (tests/support/adversarial_articles.py) with the local
embedder, answers each case of tests/support/adversarial_cases.py through the real answer or
round-up path with RUMOUR_GENERATOR=openai against the scripted OpenAI-compatible test server,
and prints per kind of bad output how many bad sentences were caught, and how many faithful
sentences reached the fan unchanged. With --verbose, every case's outcome and dropped sentence.
With --corpus N, also N articles (fixed sample) of each real corpus in ../shared/corpus: how many
of their claim sentences, copied and cited to their own article, are kept.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the test server and the suite live in tests/

from bot.app import Services  # noqa: E402
from ingest.index.embedders import LocalEmbedder  # noqa: E402
from tests.support.adversarial import (  # noqa: E402
    copied_sentences,
    ingest_articles,
    run,
    table,
    tally,
)
from tests.support.adversarial_cases import CASES, FAITHFUL_CASES  # noqa: E402
from tests.support.helpers import make_settings  # noqa: E402
from tests.support.openai_server import OpenAIServer  # noqa: E402


def main() -> None:
    """Run the suite and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every case and drop")
    parser.add_argument("--corpus", type=int, default=0, help="articles per real corpus")
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.WARNING, format="    %(message)s")
        logging.getLogger("bot.answering.verifier").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp, OpenAIServer() as server:
        settings = make_settings(
            Path(tmp),
            generator="openai",
            openai_base_url=server.base_url,
            openai_api_key="local",
            openai_max_retries=0,
        )
        services = Services.build(settings, embedder=LocalEmbedder())
        try:
            ingest_articles(services, Path(tmp))
            outcomes = []
            for case in [*CASES, *FAITHFUL_CASES]:
                if args.verbose:
                    print(f"[{case.kind}] {case.ask}")
                [outcome] = run(services, server, [case])
                outcomes.append(outcome)
                if args.verbose:
                    print(f"  -> {outcome.generator}: {outcome.text!r}")
                    for sentence in (*outcome.leaked, *outcome.lost, *outcome.missing):
                        print(f"  !! {sentence}")
                    if not outcome.asked:
                        print("  !! the model was not asked")
        finally:
            services.close()
    print(table(tally(outcomes)))
    for name in ("bbc_football", "bbc_gossip_2021", "transfermarkt_rumour_snippets"):
        path = REPO.parent / "shared" / "corpus" / f"{name}.jsonl"
        if args.corpus and path.exists():
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            random.Random(1).shuffle(records)
            kept, total = copied_sentences(records[: args.corpus])
            print(f"{name}: {kept} of {total} copied claim sentences kept ({kept / total:.1%})")


if __name__ == "__main__":
    main()
