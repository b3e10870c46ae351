"""Benchmark: how well the claim reader extracts transfer claims, and what it costs at ingest.

Part 1 (labelled sentences, `benchmarks/data/claim_sentences.jsonl`): for each hand-labelled
sentence of the shared corpora, the stage of the claim the reader makes of it (or `none`),
against the label; also the person and the hedging. Split `dev` was used to write the rules,
`test` was not.
Part 2 (`rumours` of transfermarkt_rumour_snippets.jsonl): how often the ledger's claims of a
snippet name the rumour's player, and the player with his destination club.
Part 3 (cost): extraction time over bbc_football.jsonl, as a share of a full ingest of it
(pass --ingest-seconds from a `rumour ingest` of the file on the same machine, or --ingest to
run one here).

Usage: python benchmarks/claim_extraction.py [--ingest] [--ingest-seconds S] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from ingest.claims.extract import read_article
from ingest.claims.gazetteer import default_gazetteer
from ingest.claims.model import About
from ingest.core.text.folding import fold

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "corpus"
CORPORA = ("bbc_football", "bbc_gossip_2021", "transfermarkt_rumour_snippets", "seed")


def load_articles() -> dict[str, dict]:
    articles: dict[str, dict] = {}
    for name in CORPORA:
        for line in (SHARED / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                articles[row["id"]] = row
    return articles


def stage_accuracy(articles: dict[str, dict], verbose: bool) -> None:
    labels = [json.loads(line) for line in (HERE / "data" / "claim_sentences.jsonl").open()]
    claims = {}
    for aid in {label["article_id"] for label in labels}:
        a = articles[aid]
        claims[aid] = read_article(aid, a["title"], a["text"]).claims
    print("Claim stages on labelled sentences")
    print("| split | sentences | stage accuracy | person (of claims) | hedged (of claims) |")
    print("|---|---|---|---|---|")
    confusion: Counter[tuple[str, str]] = Counter()
    for split in ("dev", "test"):
        rows = [label for label in labels if label["split"] == split]
        right = people = people_right = hedges = hedges_right = 0
        for label in rows:
            found = [
                c
                for c in claims[label["article_id"]]
                if c.start < label["end"] and c.end > label["start"] and c.about != About.HOLDS
            ]
            predicted = str(found[0].stage) if found else "none"
            right += predicted == label["stage"]
            if split == "test":
                confusion[(label["stage"], predicted)] += 1
            if found and label["stage"] != "none":
                if label["person"]:
                    people += 1
                    got, want = fold(found[0].person), fold(label["person"])
                    people_right += got == want or got.split()[-1] == want.split()[-1]
                hedges += 1
                hedges_right += (found[0].hedged or bool(found[0].says)) == label["hedged"]
            if verbose and predicted != label["stage"] and split == "dev":
                text = articles[label["article_id"]]["text"][label["start"] : label["end"]]
                print(f"  {label['id']} {label['stage']} -> {predicted}: {text[:120]}")
        print(
            f"| {split} | {len(rows)} | {right / len(rows):.3f} | "
            f"{people_right / max(people, 1):.3f} | {hedges_right / max(hedges, 1):.3f} |"
        )
    stages = sorted({s for pair in confusion for s in pair})
    print("\nConfusion on test (rows: label, columns: read)")
    print("| | " + " | ".join(stages) + " |")
    print("|---" * (len(stages) + 1) + "|")
    for label in stages:
        print(f"| {label} | " + " | ".join(str(confusion[(label, p)]) for p in stages) + " |")


def rumours_found(articles: dict[str, dict]) -> None:
    gaz = default_gazetteer()
    total = player = destination = 0
    for a in articles.values():
        for rumour in a.get("rumours") or []:
            total += 1
            claims = read_article(a["id"], a["title"], a["text"]).claims
            wanted = fold(rumour["player"]).split()[-1]
            mine = [c for c in claims if wanted in fold(c.person)]
            if not mine:
                continue
            player += 1
            to = {m.entry.canonical for m in gaz.find(rumour["club_to"], with_ambiguous=True)}
            if any(c.to_club in to or to & set(c.clubs) for c in mine):
                destination += 1
    print("\nTransfermarkt rumours found in the ledger")
    print("| rumours | player named in a claim | player and destination club |")
    print("|---|---|---|")
    print(f"| {total} | {player / total:.3f} | {destination / total:.3f} |")


def cost(args: argparse.Namespace) -> None:
    rows = [
        json.loads(line)
        for line in (SHARED / "bbc_football.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    start = time.perf_counter()
    for row in rows:
        read_article(row["id"], row["title"], row["text"])
    extraction = time.perf_counter() - start
    ingest = args.ingest_seconds
    if args.ingest:
        from bot.cli.main import main

        with tempfile.TemporaryDirectory() as folder:
            import os

            os.environ["RUMOUR_DATA_DIR"] = folder
            began = time.perf_counter()
            main(["ingest", "--jsonl", str(SHARED / "bbc_football.jsonl"), "--json"])
            ingest = time.perf_counter() - began
    print(f"\nExtraction over bbc_football.jsonl ({len(rows)} articles): {extraction:.2f} s")
    if ingest:
        print(
            f"Full ingest of the same file: {ingest:.1f} s; extraction / ingest = {extraction / ingest:.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", action="store_true", help="time a full ingest here too")
    parser.add_argument("--ingest-seconds", type=float, default=0.0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    articles = load_articles()
    stage_accuracy(articles, args.verbose)
    rumours_found(articles)
    cost(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
