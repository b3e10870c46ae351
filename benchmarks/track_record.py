"""Do outlet track records predict which rumours come true? Measured on the Transfermarkt snippets.

Each snippet of ../shared/corpus/transfermarkt_rumour_snippets.jsonl is a rumour (player, from,
to) with its outlet (`source`, a web domain), its date and whether the transfer then happened
(`outcome`). The claim reader reads each snippet's text as the bot would; a rumour's claim is the
one about its player (preferring the one naming its club), else it counts as a plain rumour.

Records are learnt from the claims before a cut-off date only, and only from moves with no claim
after it (a move still talked about after the cut-off had not ended by then). Every claim after
the cut-off is then predicted, and scored against its `outcome` (AUC, Brier score, log loss,
expected calibration error over ten bins):

- base rate: the share of pre-cut-off rumours that happened, for every claim;
- every outlet alike: what the claim says (its stage and whether it says the move happens or
  not), with one record shared by all outlets;
- track record: the same, with the claim's outlet's own record (the bot's Beta estimate) moving
  the odds: logit p = logit p(stage) +/- (logit record - logit pooled record);
- the records learnt two ways: from the corpus's outcome labels, and by the bot's own
  resolution of the ledger (later claims settling earlier ones, no labels used).

Usage: python benchmarks/track_record.py [CORPUS_DIR] [--cutoff 2021-01-01] [--strength 4] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.records.book import DEFAULT_STRENGTH, Kind, RecordBook, build_book
from bot.records.resolution import Call, resolve
from ingest.claims.extract import read_article
from ingest.claims.gazetteer import Gazetteer, default_gazetteer
from ingest.claims.gazetteer import Kind as NameKind
from ingest.claims.model import Claim
from ingest.claims.outlets import outlet_named
from ingest.core.schema import published_timestamp
from ingest.core.text.folding import fold
from ingest.ledger.schema import LedgerArticle, StoredClaim

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FILE = "transfermarkt_rumour_snippets.jsonl"
CUTOFF = "2021-01-01"
NONE = "no claim read"


@dataclass(frozen=True)
class Example:
    """One rumour of one snippet: who reported it, what the claim said, and what happened."""

    stored: StoredClaim
    move: tuple[str, str]  # (Transfermarkt player id, club to)
    outlet: str
    stage: str
    predicted: bool  # the claim says the move happens
    happened: bool
    club: str = ""  # the club the rumour is about, as the club list names it


def read_corpus(path: Path, gaz: Gazetteer) -> tuple[list[Example], list[StoredClaim]]:
    """Every rumour as an example, and every claim the reader finds in the snippets."""
    examples: list[Example] = []
    claims: list[StoredClaim] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        published = row.get("published", "")
        article = LedgerArticle(
            row["id"],
            "",
            "",
            row.get("url", ""),
            row.get("source", ""),
            published,
            published_timestamp(published),
        )
        reading = read_article(row["id"], "", row["text"], gaz)  # the title is made from labels
        stored = [StoredClaim(c, article) for c in reading.claims]
        claims += stored
        outlet = outlet_named(article.source, gaz) or article.source.removeprefix("www.")
        for rumour in row.get("rumours", []):
            chosen = _claim_for(rumour, stored, gaz)
            claim = chosen.claim if chosen else None
            examples.append(
                Example(
                    chosen or StoredClaim(_plain(row["id"], rumour["player"]), article),
                    (
                        str(rumour.get("transfermarkt_player_id") or rumour["player"]),
                        fold(rumour.get("club_to", "")),
                    ),
                    outlet,
                    str(claim.stage) if claim else NONE,
                    not (claim and claim.stage.negative and not claim.modal),
                    rumour.get("outcome") == "Done deal",
                    _club(rumour.get("club_to", ""), gaz),
                )
            )
    return examples, claims


def _claim_for(rumour: dict, stored: list[StoredClaim], gaz: Gazetteer) -> StoredClaim | None:
    """The snippet's claim about the rumour's player, preferring one about its club."""
    surname = fold(rumour["player"]).split()[-1]
    about = [s for s in stored if surname in s.claim.person_key.split()]
    club = _club(rumour.get("club_to", ""), gaz)
    to_club = [s for s in about if club and club in (s.claim.to_club, *s.claim.clubs)]
    pool = to_club or about
    return next((s for s in pool if s.claim.main), pool[0] if pool else None)


def _club(name: str, gaz: Gazetteer) -> str:
    found = [m for m in gaz.find(name, with_ambiguous=True) if m.entry.kind is NameKind.CLUB]
    return found[0].entry.canonical if found else ""


def _plain(article_id: str, player: str) -> Claim:
    from ingest.claims.stage import Stage

    return Claim(article_id, 0, 0, "", player, Stage.INTEREST, True)


def split(examples: list[Example], cutoff: int) -> tuple[list[Example], list[Example]]:
    """Training examples (moves that ended before the cut-off) and test examples (after it)."""
    open_after = {e.move for e in examples if e.stored.ts >= cutoff}
    train = [e for e in examples if e.stored.ts < cutoff and e.move not in open_after]
    test = [e for e in examples if e.stored.ts >= cutoff]
    return train, test


def labelled_book(train: list[Example], strength: float) -> RecordBook:
    """Records learnt from the outcome labels of the training moves."""
    calls = [
        Call(e.stored, e.move, e.outlet, (), e.predicted, e.happened, e.stored.ts) for e in train
    ]
    return build_book(calls, strength=strength)


def stage_rates(train: list[Example]) -> dict[str, float]:
    """P(happened | stage), Laplace-smoothed, from the training rumours."""
    counts: dict[str, list[int]] = {}
    for e in train:
        counts.setdefault(e.stage, [0, 0])[e.happened] += 1
    return {stage: (yes + 1) / (no + yes + 2) for stage, (no, yes) in counts.items()}


def predict(e: Example, book: RecordBook, rates: dict[str, float] | None = None) -> float:
    """P(the move happens) from the outlet's record (or the pooled one, when it has none) and
    what the claim says: without `rates` only whether it says the move happens; with them, the
    stage's own rate moved by how much better or worse than the pool the outlet does."""
    record = book.get(e.outlet)
    estimate = record.estimate if record and record.kind is Kind.OUTLET else book.prior.mean
    if rates is None:
        return estimate if e.predicted else 1 - estimate
    shift = _logit(estimate) - _logit(book.prior.mean)
    return _sigmoid(_logit(rates.get(e.stage, 0.5)) + (shift if e.predicted else -shift))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def calibration(
    scores: Sequence[float], labels: Sequence[bool], bins: int = 10
) -> dict[str, float]:
    """Brier score, log loss and expected calibration error."""
    n = len(scores)
    brier = sum((p - y) ** 2 for p, y in zip(scores, labels, strict=True)) / n
    loss = (
        -sum(
            math.log(min(max(p if y else 1 - p, 1e-12), 1.0))
            for p, y in zip(scores, labels, strict=True)
        )
        / n
    )
    ece = 0.0
    for b in range(bins):
        members = [
            (p, y)
            for p, y in zip(scores, labels, strict=True)
            if b / bins <= p < (b + 1) / bins or (b == bins - 1 and p == 1.0)
        ]
        if members:
            mean_p = sum(p for p, _ in members) / len(members)
            share = sum(y for _, y in members) / len(members)
            ece += len(members) / n * abs(mean_p - share)
    return {"brier": brier, "log_loss": loss, "ece": ece}


def evaluate(
    path: Path, cutoff: str = CUTOFF, strength: float = DEFAULT_STRENGTH, resamples: int = 1000
) -> dict:
    """Every predictor's scores on the claims after the cut-off, and the learnt records."""
    gaz = default_gazetteer()
    started = time.perf_counter()
    examples, claims = read_corpus(path, gaz)
    read_seconds = time.perf_counter() - started
    cut = published_timestamp(cutoff)
    train, test = split(examples, cut)
    base = sum(e.happened for e in train) / len(train)
    rates = stage_rates(train)
    alike = RecordBook({}, labelled_book(train, strength).prior)  # one record for every outlet
    books = {
        "outcome labels": labelled_book(train, strength),
        "the ledger's own resolution": build_book(
            resolve([c for c in claims if 0 < c.ts < cut], gaz), strength=strength
        ),
    }
    labels = [e.happened for e in test]
    groups: dict[str, dict[str, list[float]]] = {}
    for group, stage in (("direction", None), ("stage", rates)):
        scores = {"base rate": [base] * len(test)}
        scores["every outlet alike"] = [predict(e, alike, stage) for e in test]
        for source, book in books.items():
            scores[f"track record learnt from {source}"] = [predict(e, book, stage) for e in test]
        groups[group] = scores
    rows = []
    for group, scores in groups.items():
        reference = scores["every outlet alike"]
        for name, predicted in scores.items():
            source = name.removeprefix("track record learnt from ")
            rows.append(
                {
                    "uses": group,
                    "predictor": name,
                    "auc": auc(predicted, labels),
                    **calibration(predicted, labels),
                    "auc_gain_ci": (
                        _gain_interval(predicted, reference, labels, resamples)
                        if source in books
                        else None
                    ),
                    "outlets_known": _coverage(test, books[source]) if source in books else None,
                }
            )
    everything = resolve(claims, gaz)
    shown = build_book(everything, strength=strength)
    return {
        "cutoff": cutoff,
        "strength": strength,
        "rumours": len(examples),
        "train": len(train),
        "test": len(test),
        "test_happened": sum(labels),
        "claims": len(claims),
        "read_seconds": round(read_seconds, 1),
        "resolution_agreement": _agreement(everything, examples),
        "rows": rows,
        "records": [
            {
                "outlet": r.name,
                "resolved": r.resolved,
                "right": r.right,
                "estimate": round(r.estimate, 3),
                "days_ahead": r.days_ahead,
            }
            for r in shown.ranked(Kind.OUTLET)[:12]
        ],
    }


def _gain_interval(
    scores: list[float], reference: list[float], labels: list[bool], resamples: int
) -> tuple[float, float]:
    """95% paired-bootstrap interval of the AUC gain over the reference predictor."""
    rng = random.Random(0)
    n = len(labels)
    gains = []
    for _ in range(resamples):
        pick = [rng.randrange(n) for _ in range(n)]
        y = [labels[i] for i in pick]
        gains.append(auc([scores[i] for i in pick], y) - auc([reference[i] for i in pick], y))
    gains.sort()
    return gains[int(0.025 * resamples)], gains[int(0.975 * resamples) - 1]


def _agreement(calls: list[Call], examples: list[Example]) -> dict[str, float]:
    """How often the ledger's own settling of a move matches the corpus's outcome label."""
    gold = {
        (e.stored.claim.article_id, e.stored.claim.person_key, e.stored.claim.to_club): e.happened
        for e in examples
        if e.stage != NONE and e.club and e.club == e.stored.claim.to_club
    }
    matched = [
        gold[key] == call.happened
        for call in calls
        if (
            key := (
                call.stored.claim.article_id,
                call.stored.claim.person_key,
                call.stored.claim.to_club,
            )
        )
        in gold
    ]
    return {"moves_checked": len(matched), "agree": sum(matched) / len(matched) if matched else 0}


def _coverage(test: list[Example], book: RecordBook) -> float:
    return sum(book.get(e.outlet) is not None for e in test) / len(test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus")
    parser.add_argument("--cutoff", default=CUTOFF, help="learn before, predict after (YYYY-MM-DD)")
    parser.add_argument("--strength", type=float, default=DEFAULT_STRENGTH, help="prior weight")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    path = args.corpus / FILE
    if not path.is_file():
        print(f"{path} not found; skipped")
        return 0
    result = evaluate(path, args.cutoff, args.strength)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['rumours']} rumours, {result['claims']} claims read in {result['read_seconds']} s;"
        f" learnt from {result['train']} before {result['cutoff']}, predicting {result['test']}"
        f" after it ({result['test_happened']} happened)"
    )
    agreement = result["resolution_agreement"]
    print(
        f"the ledger's own settling of moves agrees with the outcome label on "
        f"{agreement['agree']:.0%} of {agreement['moves_checked']} claims it could be checked on"
    )
    for group, title in (("direction", "the record alone"), ("stage", "with the claim's stage")):
        print(f"\n{title}:\n")
        print(
            "| predictor | AUC | AUC gain over every outlet alike (95% CI) | Brier | log loss "
            "| ECE | outlets with a record |"
        )
        print("|---|---|---|---|---|---|---|")
        for row in (r for r in result["rows"] if r["uses"] == group):
            known = f"{row['outlets_known']:.0%}" if row["outlets_known"] is not None else ""
            gain = row["auc_gain_ci"]
            interval = f"{gain[0]:+.3f} to {gain[1]:+.3f}" if gain else ""
            print(
                f"| {row['predictor']} | {row['auc']:.3f} | {interval} | {row['brier']:.3f} | "
                f"{row['log_loss']:.3f} | {row['ece']:.3f} | {known} |"
            )
    print("\nRecords the ledger's own resolution learns from every snippet:")
    print("\n| outlet | resolved moves | right | est. | median days ahead |")
    print("|---|---|---|---|---|")
    for r in result["records"]:
        days = f"{r['days_ahead']:.0f}" if r["days_ahead"] is not None else "–"
        print(f"| {r['outlet']} | {r['resolved']} | {r['right']} | {r['estimate']:.0%} | {days} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
