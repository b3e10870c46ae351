"""CLI commands that read the index: search, ask."""

from __future__ import annotations

import argparse

from rich.console import Console

from bot import render
from bot.cli_common import Command, add_json_flag, emit, positive_int
from bot.services import Services


def register(sub: argparse._SubParsersAction) -> dict[str, Command]:
    """Add the answering commands to the parser; return their handlers by name."""
    search = sub.add_parser("search", help="show the passages that best match a query")
    search.add_argument("query")
    search.add_argument("--k", type=positive_int, default=5, help="how many results (default 5)")
    add_json_flag(search)

    ask = sub.add_parser("ask", help="answer a question from the ingested articles")
    ask.add_argument("question")
    add_json_flag(ask)
    return {"search": cmd_search, "ask": cmd_ask}


def cmd_search(services: Services, args: argparse.Namespace, console: Console) -> int:
    """Print the best-matching passages."""
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
    answer = services.asker.ask(args.question)
    emit(console, args, answer.to_json(), lambda: render.show_answer(console, answer))
    return 0
