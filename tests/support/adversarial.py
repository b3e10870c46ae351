"""Run the adversarial cases through the real answer and round-up paths, and count what leaks.

The articles are ingested into services that answer with the local OpenAI-compatible server; each
case scripts the server's reply, asks, and looks for the reply's sentences in what the fan gets.
Used by tests/bot/answering/test_adversarial.py and benchmarks/verifier_report.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.answering.prompting import Passage
from bot.answering.verifier.verify import verify
from ingest.claims.extract import read_article
from ingest.claims.gazetteer import default_gazetteer
from ingest.core.text.sentences import split_sentences
from ingest.sources.runner import ingest_files
from tests.support.adversarial_articles import ARTICLES
from tests.support.adversarial_cases import FAITHFUL, KINDS, Case
from tests.support.openai_server import OpenAIServer, Scripted

if TYPE_CHECKING:
    from bot.app import Services

_PLACEHOLDER = re.compile(r"\[@([\w-]+)\]")
_LEADING = re.compile(r"^(?:\[@[\w-]+\]\s*)+")
_HEADER = re.compile(r"^\[(\d+)\] .*? \| .*? \| (.*)$", re.MULTILINE)
_MARKER = re.compile(r"\s*\[\d+\]")


@dataclass
class Outcome:
    """What reached the fan for one case."""

    case: Case
    text: str
    generator: str
    leaked: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # faithful sentences that reached the fan
    lost: list[str] = field(default_factory=list)  # faithful sentences that did not
    missing: list[str] = field(default_factory=list)  # cited articles the prompt did not hold
    asked: bool = True  # whether the model was asked at all


def ingest_articles(services: Services, folder: Path) -> None:
    """Ingest the suite's articles (JSON Lines) into the services' store and ledger."""
    path = folder / "adversarial.jsonl"
    lines = (json.dumps(a, ensure_ascii=False) for a in ARTICLES.values())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_files(services.sources.ingestor, jsonl=[path])


def run(services: Services, server: OpenAIServer, cases: Iterable[Case]) -> list[Outcome]:
    """Ask every case with its scripted reply; what reached the fan, sentence by sentence."""
    return [_run(services, server, case) for case in cases]


def _run(services: Services, server: OpenAIServer, case: Case) -> Outcome:
    missing: list[str] = []

    def respond(payload: dict[str, Any]) -> str:
        numbers = {title: n for n, title in _HEADER.findall(payload["messages"][1]["content"])}

        def number(match: re.Match[str]) -> str:
            title = ARTICLES[match[1]]["title"]
            if title not in numbers:
                missing.append(match[1])
                return "[99]"
            return f"[{numbers[title]}]"

        return _PLACEHOLDER.sub(number, case.reply)

    server.stub.chat_script.clear()
    server.stub.chat_script.append(Scripted(respond=respond))
    if case.summary:
        summary = services.summarizer.summarize(case.ask)
        text, generator = summary.text, summary.generator
    else:
        answer = services.asker.ask(case.ask)
        text, generator = answer.text, answer.generator
    asked = not server.stub.chat_script
    server.stub.chat_script.clear()
    outcome = Outcome(case, text, generator, missing=missing, asked=asked)
    shown = _plain(text)
    for sentence in reply_sentences(case):
        if case.kind == FAITHFUL:
            (outcome.kept if _plain(sentence) in shown else outcome.lost).append(sentence)
        elif sentence in case.bad and _plain(sentence) in shown:
            outcome.leaked.append(sentence)
    return outcome


def reply_sentences(case: Case) -> list[str]:
    """The sentences of a case's reply, as the model wrote them (placeholders left in)."""
    found: list[str] = []
    for line in case.reply.splitlines():
        for sentence in split_sentences(line.lstrip("- ")):
            leading = _LEADING.match(sentence)
            if leading and found:  # '"... summer." [@gazzetta]': the marker is the quote's
                found[-1] += " " + leading.group().strip()
                sentence = sentence[leading.end() :]
            if sentence:
                found.append(sentence)
    bad = [s for s in case.bad if s not in found]
    assert not bad, f"bad sentences must be whole sentences of the reply: {bad}"
    return found


def _plain(text: str) -> str:
    return " ".join(_MARKER.sub("", re.sub(r"\s*\[@[\w-]+\]", "", text)).split())


@dataclass(frozen=True)
class Row:
    """One line of the report: a kind, and how its cases fared."""

    kind: str
    cases: int
    sentences: int  # bad sentences (faithful ones for the faithful row)
    caught: int  # bad sentences that did not reach the fan (faithful: kept ones)


def tally(outcomes: Sequence[Outcome]) -> list[Row]:
    """Per kind: bad sentences caught; and faithful sentences kept."""
    rows = []
    for kind in (*KINDS, FAITHFUL):
        mine = [o for o in outcomes if o.case.kind == kind]
        if kind == FAITHFUL:
            total = sum(len(o.kept) + len(o.lost) for o in mine)
            rows.append(Row(kind, len(mine), total, sum(len(o.kept) for o in mine)))
            continue
        total = sum(len(o.case.bad) for o in mine)
        rows.append(Row(kind, len(mine), total, total - sum(len(o.leaked) for o in mine)))
    return rows


def table(rows: Sequence[Row]) -> str:
    """The tally as a Markdown table."""
    out = [
        "| kind of output | cases | sentences | caught (bad) / kept (faithful) |",
        "|---|---|---|---|",
    ]
    for row in rows:
        share = f"{row.caught / row.sentences:.0%}" if row.sentences else "-"
        out.append(
            f"| {row.kind} | {row.cases} | {row.sentences} | "
            f"{row.caught} / {row.sentences} ({share}) |"
        )
    return "\n".join(out)


def copied_sentences(records: Sequence[dict[str, Any]], per_article: int = 8) -> tuple[int, int]:
    """Of each article's claim sentences, copied as a model would write them (cited to the
    article, with the outlet a gossip item credits), how many are kept: (kept, total)."""
    gaz = default_gazetteer()
    kept = total = 0
    for record in records:
        text = record["text"][:3000]
        passage = Passage(
            1,
            record.get("id", "a"),
            record.get("source") or "BBC Sport",
            record.get("published", ""),
            record.get("title", ""),
            record.get("url", ""),
            text,
        )
        claims = read_article("a", record.get("title", ""), text, gaz).claims
        credited = {c.text: c.says for c in claims}
        for sentence in list(dict.fromkeys(c.text for c in claims))[:per_article]:
            body = " ".join(sentence.split()).rstrip(".!?")
            says = credited[sentence]
            tail = f", according to {says}" if says and not body.endswith(")") else ""
            total += 1
            kept += bool(verify(f"{body}{tail} [1].", [passage], gaz).text)
    return kept, total
