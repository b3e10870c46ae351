"""Evaluate bot.certainty against the shared corpora.

Szeged Uncertainty Corpus (Wikipedia and FactBank sentences): precision / recall / F1 of
`is_uncertain` for the "uncertain" class, and the throughput of `is_uncertain` and `classify`.
Football: accuracy of `classify(evidence).label` against the `verdict` of
../shared/eval/dev_qa.jsonl (rows with verdict "unknown" are skipped).

Usage: python benchmarks/hedge_eval.py [CORPUS_DIR] [--qa PATH] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from bot.answering.certainty import Certainty, classify, is_uncertain

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SZEGED_FILES = ("hedge_szeged_wiki.jsonl", "hedge_szeged_factbank.jsonl")
VERDICTS = {c.value for c in (Certainty.CONFIRMED, Certainty.REPORTED, Certainty.DENIED)}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def as_bool(value: object) -> bool:
    # The corpus README promises the strings 'True'/'False'; some exports use JSON booleans.
    return value is True or str(value).strip().lower() == "true"


def score_szeged(path: Path) -> dict[str, float]:
    rows = read_jsonl(path)
    sentences = [r["sentence"] for r in rows]
    gold = [as_bool(r["uncertain"]) for r in rows]
    started = time.perf_counter()
    predicted = [is_uncertain(s) for s in sentences]
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    for sentence in sentences:
        classify(sentence)
    classify_elapsed = time.perf_counter() - started
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(rows),
        "positives": sum(gold),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "per_s": len(rows) / elapsed if elapsed else float("inf"),
        "classify_per_s": len(rows) / classify_elapsed if classify_elapsed else float("inf"),
    }


def score_football(path: Path, show_errors: bool) -> tuple[int, int, Counter[tuple[str, str]]]:
    confusion: Counter[tuple[str, str]] = Counter()
    for row in read_jsonl(path):
        verdict, evidence = row.get("verdict"), row.get("evidence") or ""
        if verdict not in VERDICTS or not evidence:
            continue
        result = classify(evidence)
        confusion[(verdict, result.label.value)] += 1
        if show_errors and result.label != verdict:
            cues = ", ".join(f"{c.text!r}:{c.kind.value}" for c in result.cues)
            print(f"  miss {verdict} -> {result.label.value}: {evidence[:90]!r} [{cues}]")
    correct = sum(n for (gold, got), n in confusion.items() if gold == got)
    return correct, sum(confusion.values()), confusion


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus")
    parser.add_argument("--qa", type=Path, default=SHARED / "eval" / "dev_qa.jsonl")
    parser.add_argument("--errors", action="store_true", help="list football misclassifications")
    args = parser.parse_args(argv)

    present = [args.corpus / name for name in SZEGED_FILES if (args.corpus / name).is_file()]
    if not present and not args.qa.is_file():
        print(f"no evaluation data under {args.corpus} or at {args.qa}; nothing to do")
        return 0

    if present:
        header = f"{'file':30} {'n':>6} {'unc':>5} {'P':>6} {'R':>6} {'F1':>6}"
        print(f"{header} {'sent/s':>9} {'classify/s':>10}")
        for path in present:
            s = score_szeged(path)
            print(
                f"{path.name:30} {s['n']:>6} {s['positives']:>5} {s['precision']:>6.1%} "
                f"{s['recall']:>6.1%} {s['f1']:>6.1%} {s['per_s']:>9,.0f} "
                f"{s['classify_per_s']:>10,.0f}"
            )
    else:
        print(f"Szeged files not found under {args.corpus}; skipped")

    if args.qa.is_file():
        correct, total, confusion = score_football(args.qa, args.errors)
        accuracy = correct / total if total else 0.0
        print(f"\nfootball classify() on {args.qa.name}: {correct}/{total} = {accuracy:.1%}")
        labels = [c.value for c in Certainty]
        print(f"{'gold / predicted':18}" + "".join(f"{lab:>11}" for lab in labels))
        for gold in sorted(VERDICTS):
            print(f"{gold:18}" + "".join(f"{confusion[(gold, lab)]:>11}" for lab in labels))
    else:
        print(f"\n{args.qa} not found; football evaluation skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
