"""CLI commands that read the index: search, ask, summary, eval."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import Command, add_json_flag, emit, positive_int, whole_number
from ingest.core.errors import RumourError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.app import Services


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the answering commands to the parser; return their handlers by name."""
    search = sub.add_parser("search", help="show the passages that best match a query")
    search.add_argument("query")
    search.add_argument("--k", type=positive_int, default=5, help="how many results (default 5)")
    add_json_flag(search)

    ask = sub.add_parser("ask", help="answer a question from the ingested articles")
    ask.add_argument("question")
    add_json_flag(ask)

    summary = sub.add_parser("summary", help="round-up of the rumours about a topic, newest first")
    summary.add_argument("topic", nargs="?", help='e.g. "Real Madrid manager"; omit for the newest')
    summary.add_argument(
        "--days", type=_days, default=None, help="only articles from the last N days"
    )
    add_json_flag(summary)

    evaluate = sub.add_parser("eval", help="score retrieval and answers on a question file")
    evaluate.add_argument("questions", type=Path, metavar="QA.jsonl")
    evaluate.add_argument(
        "--k", type=positive_int, default=5, help="cut-off for recall@k (default 5)"
    )
    evaluate.add_argument(
        "--mode", choices=["hybrid", "dense", "lexical"], default="hybrid", help="retrieval to use"
    )
    add_json_flag(evaluate)
    return {"search": cmd_search, "ask": cmd_ask, "summary": cmd_summary, "eval": cmd_eval}


def _days(value: str) -> int:
    number = whole_number(value)
    if not 1 <= number <= 3650:
        raise argparse.ArgumentTypeError("must be between 1 and 3650")
    return number


def cmd_search(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Print the best-matching passages."""
    from bot.cli import render

    hits = services.asker.search(args.query, args.k)
    payload = {
        "query": args.query,
        "results": [
            {
                "rank": rank,
                "article_id": h.chunk.article_id,
                "chunk_id": h.chunk.id,
                "title": h.chunk.title,
                "source": h.chunk.source,
                "url": h.chunk.url,
                "published": h.chunk.published,
                "text": h.chunk.text,
                "score": round(h.score, 6),
            }
            for rank, h in enumerate(hits, start=1)
        ],
    }
    emit(console, args, payload, lambda: render.show_hits(console, args.query, hits))
    return 0


def cmd_ask(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Answer a question with citations and a verdict."""
    from bot.cli import render

    answer = services.asker.ask(args.question)
    emit(console, args, answer.to_json(), lambda: render.show_answer(console, answer))
    return 0


def cmd_summary(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Print a round-up of rumours."""
    from bot.cli import render

    summary = services.summarizer.summarize(args.topic, args.days)
    emit(console, args, summary.to_json(), lambda: render.show_summary(console, summary))
    return 0


def cmd_eval(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Run a question file; print one JSON object per question, then the scores."""
    from bot.cli import render
    from bot.cli.evaluate import evaluate, read_questions

    questions = list(read_questions(args.questions))
    if not questions:
        raise RumourError(f"{args.questions} has no questions.")
    scores = evaluate(services, questions, args.k, args.mode)
    if args.json:
        for result in scores.results:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.write(json.dumps({"summary": scores.to_json(), "mode": args.mode}) + "\n")
    else:
        render.show_eval(console, scores, args.mode)
    return 0
