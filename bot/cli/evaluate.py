"""`rumour eval`: run retrieval and ask over a question file and score them against gold."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.answering.answer import Answer, Verdict
from bot.answering.certainty import hedge_cues
from bot.answering.retrieval import Mode
from bot.app import Services
from ingest.core.errors import RumourError, SourceError

log = logging.getLogger(__name__)

_QUOTED = re.compile(r'"([^"\n]{8,})"')


@dataclass(frozen=True)
class EvalQuestion:
    """One line of the question file."""

    id: str
    question: str
    gold: tuple[str, ...] | None = None
    verdict: Verdict | None = None


@dataclass
class EvalResult:
    """What the system did for one question."""

    question: EvalQuestion
    article_ids: list[str]
    answer: Answer
    latency_ms: float
    quotes_verbatim: bool

    def to_json(self) -> dict[str, Any]:
        """The per-question JSON object."""
        return {
            "id": self.question.id,
            "article_ids": self.article_ids,
            "answer": self.answer.text,
            "verdict": str(self.answer.verdict),
            "citations": [c.to_json() for c in self.answer.citations],
            "latency_ms": round(self.latency_ms, 1),
        }


@dataclass
class Scores:
    """Aggregate metrics; each is None when the file has no gold for it."""

    k: int
    results: list[EvalResult] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """All metrics, rounded."""
        with_gold = [r for r in self.results if r.question.gold]
        with_verdict = [r for r in self.results if r.question.verdict]
        unknown = [r for r in with_verdict if r.question.verdict is Verdict.UNKNOWN]
        reported = [r for r in with_verdict if r.question.verdict is Verdict.REPORTED]
        latencies = sorted(r.latency_ms for r in self.results)
        return {
            "questions": len(self.results),
            f"recall@{self.k}": _mean(_recall(r, self.k) for r in with_gold),
            f"hit@{self.k}": _mean(float(_recall(r, self.k) > 0) for r in with_gold),
            "mrr": _mean(_reciprocal_rank(r) for r in with_gold),
            "verdict_accuracy": _mean(
                float(r.answer.verdict is r.question.verdict) for r in with_verdict
            ),
            "abstention_accuracy": _mean(
                float(r.answer.verdict is Verdict.UNKNOWN) for r in unknown
            ),
            "citation_validity": _mean(
                float(r.quotes_verbatim) for r in self.results if r.answer.citations
            ),
            "hedge_preservation": _mean(
                float(bool(hedge_cues(r.answer.claims)))
                for r in reported
                if r.answer.verdict is Verdict.REPORTED
            ),
            "latency_ms_p50": round(latencies[len(latencies) // 2], 1) if latencies else None,
        }


def read_questions(path: Path) -> Iterator[EvalQuestion]:
    """Parse the question file; a bad line is an error naming its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RumourError(f"Cannot read {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            question = str(row["question"]).strip()
            gold = row.get("gold")
            verdict = row.get("verdict")
            yield EvalQuestion(
                id=str(row.get("id", number)),
                question=question,
                gold=tuple(str(g) for g in gold) if isinstance(gold, list) else None,
                verdict=Verdict(verdict) if verdict else None,
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SourceError(
                where, f'expected {{"id", "question"}} with optional gold/verdict ({exc})'
            ) from exc


def evaluate(
    services: Services, questions: list[EvalQuestion], k: int, mode: Mode = "hybrid"
) -> Scores:
    """Run every question through retrieval and ask, both in `mode`; return results and scores."""
    scores = Scores(k=k)
    depth = max(k, services.settings.top_k)
    for question in questions:
        article_ids = services.asker.rank_articles(question.question, depth, mode=mode)
        start = time.perf_counter()
        answer = services.asker.ask(question.question, mode=mode)
        latency = (time.perf_counter() - start) * 1000
        scores.results.append(
            EvalResult(question, article_ids, answer, latency, _quotes_verbatim(services, answer))
        )
    return scores


def _quotes_verbatim(services: Services, answer: Answer) -> bool:
    """Every citation quote, and every quoted span in the text, is in a cited article."""
    texts = {}
    for citation in answer.citations:
        article = services.reader.get_article(citation.article_id)
        texts[citation.n] = article.text if article else ""
        if citation.quote not in texts[citation.n]:
            return False
    return all(any(q in t for t in texts.values()) for q in _QUOTED.findall(answer.text))


def _recall(result: EvalResult, k: int) -> float:
    gold = set(result.question.gold or ())
    return len(gold & set(result.article_ids[:k])) / len(gold) if gold else 0.0


def _reciprocal_rank(result: EvalResult) -> float:
    gold = set(result.question.gold or ())
    for rank, article_id in enumerate(result.article_ids, start=1):
        if article_id in gold:
            return 1.0 / rank
    return 0.0


def _mean(values: Iterator[float] | Any) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else None
