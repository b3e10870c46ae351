"""The answer composer that needs no LLM: verbatim quotes with attribution and an honest verdict."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from bot.answering.answer import CONFLICT_PREFIX, VERDICT_LINES, Answer, Citation, Verdict
from bot.answering.findings import Finding
from ingest.ledger.schema import LedgerArticle, StoredClaim

log = logging.getLogger(__name__)


class ExtractiveComposer:
    """Composes answers from the claims' own sentences; the offline default."""

    name = "extractive"

    def compose(self, question: str, finding: Finding) -> Answer:
        """An answer whose every claim is a quoted sentence with its citation."""
        if finding.verdict is Verdict.UNKNOWN:
            text = f"{VERDICT_LINES[Verdict.UNKNOWN]} {finding.near_miss or _NOTHING}".strip()
            return Answer(question, text, Verdict.UNKNOWN, [], self.name)
        shown = finding.shown
        citations, numbers = number(shown)
        lines = [f"**{VERDICT_LINES[finding.verdict]}**"]
        conflict = bool(finding.judgement.disagree)
        if conflict:
            lines.append(conflict_line(finding, numbers))
        for item in shown:
            n = numbers[item.claim.article_id]
            who = attribution(item)
            if finding.verdict is Verdict.REPORTED:
                # A report stays somebody's report, even where its sentence sounds certain.
                who = f"According to {who or 'one report'}"
            lines.append(f"- {quoted(who, item.claim.text)} [{n}]")
        return Answer(
            question, "\n".join(lines), finding.verdict, citations, self.name, conflict=conflict
        )


_NOTHING = "I found nothing about this move, so I won't guess."


def number(claims: list[StoredClaim]) -> tuple[list[Citation], dict[str, int]]:
    """One citation per article, numbered in the order the claims are shown."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    for item in claims:
        article = item.article
        if article.article_id in numbers:
            continue
        numbers[article.article_id] = len(numbers) + 1
        citations.append(
            Citation(
                numbers[article.article_id],
                article.article_id,
                article.title,
                outlet_name(article.source, article.url),
                article.url,
                article.published,
                item.claim.text,
                item.quoted_outlet,
                item.quoted_url,
            )
        )
    return citations, numbers


def conflict_line(finding: Finding, numbers: dict[str, int]) -> str:
    """'The sources disagree: [2] denies what [1] reports.' in the verdict's own terms."""
    deciding = _refs(finding.judgement.decisive, numbers)
    other = _refs(finding.judgement.disagree, numbers)
    if deciding == other:  # one article says both
        return f"{CONFLICT_PREFIX} {deciding} {_verb('say', deciding)} both."
    if finding.verdict is Verdict.DENIED:
        denies = "deny" if deciding.count("[") > 1 else "denies"
        return f"{CONFLICT_PREFIX} {deciding} {denies} what {other} {_verb('report', other)}."
    if finding.verdict is Verdict.REPORTED:
        return (
            f"{CONFLICT_PREFIX} {other} ruled it out earlier; {deciding} "
            f"{_verb('report', deciding)} it since, and nothing confirms it."
        )
    return (
        f"{CONFLICT_PREFIX} {deciding} {_verb('state', deciding)} it happened; "
        f"{other} {_verb('say', other)} otherwise."
    )


def _verb(stem: str, refs: str) -> str:
    """'reports' after one citation, 'report' after several."""
    return stem if refs.count("[") > 1 else f"{stem}s"


def _refs(claims: list[StoredClaim], numbers: dict[str, int]) -> str:
    found = dict.fromkeys(
        numbers[c.claim.article_id] for c in claims if c.claim.article_id in numbers
    )
    return " ".join(f"[{n}]" for n in found) or "another source"


def attribution(item: StoredClaim) -> str:
    """Who says it, and when: 'BBC Sport, 2021-05-17, citing www.marca.com'; '' if unknown."""
    article: LedgerArticle = item.article
    parts = [p for p in (outlet_name(article.source, article.url), article.published[:10]) if p]
    if item.claim.says:
        parts.append(f"citing {item.claim.says}")
    return ", ".join(parts)


def quoted(who: str, text: str) -> str:
    """'Kicker, 2026-01-30: "…"', or just '"…"' when nobody is named."""
    return f'{who}: "{text}"' if who else f'"{text}"'


def outlet_name(source: str, url: str) -> str:
    """The article's outlet; else the web site it came from; else '' (nothing is known)."""
    if source:
        return source
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return ""
