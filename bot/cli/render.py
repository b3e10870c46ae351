"""Readable terminal output for the CLI, with rich."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from bot.answering.answer import Verdict

if TYPE_CHECKING:  # only named in annotations: a command imports what it shows, no more
    from bot.answering.answer import Answer, Citation
    from bot.answering.retrieval import Hit
    from bot.answering.summary import Summary
    from bot.cli.evaluate import Scores
    from bot.feedback.report import FeedbackReport
    from bot.records.book import Record
    from bot.timeline.chart import Timeline
    from ingest.pipeline.report import IngestReport, SourceTally
    from ingest.sources.forgetting import ForgetResult
    from ingest.sources.service import Step

VERDICT_STYLE = {
    Verdict.CONFIRMED: "bold green",
    Verdict.REPORTED: "bold yellow",
    Verdict.DENIED: "bold red",
    Verdict.UNKNOWN: "bold white",
}


def show_answer(console: Console, answer: Answer) -> None:
    """The verdict badge, the answer and its numbered sources."""
    style = VERDICT_STYLE[answer.verdict]
    body = escape(answer.text.replace("**", ""))
    if answer.note:
        body += f"\n\n[dim]{escape(answer.note)}[/dim]"
    console.print(
        Panel(body, title=f"[{style}]{answer.verdict.upper()}[/]", subtitle=answer.generator)
    )
    for c in answer.citations:
        console.print(citation_line(c))
        url = c.quoted_url or c.url
        if url:
            console.print(Text("    ").append(url, style=Style(link=url)))


def citation_line(c: Citation) -> str:
    """'[1] Title (Outlet, 2026-01-30)'; a gossip item names the outlet it quotes, and the column.

    An article with no outlet and no date shows only its title; the outlet's track record, when
    it has one, follows.
    """
    record = f" [dim]· {escape(c.record)}[/dim]" if c.record else ""
    if c.quoted_outlet:
        via = f", via {escape(c.source or c.title)}" if c.source or c.title else ""
        when = f", {c.published[:10]}" if c.published else ""
        outlet = escape(c.quoted_outlet.removeprefix("www."))
        return f"[bold][{c.n}][/bold] {outlet}{via}{when}{record}"
    meta = ", ".join(p for p in (c.source, c.published[:10]) if p)
    where = f" ({escape(meta)})" if meta else ""
    return f"[bold][{c.n}][/bold] {escape(c.title)}{where}{record}"


def show_hits(console: Console, query: str, hits: Sequence[Hit]) -> None:
    """Search results as a numbered list with a snippet each."""
    if not hits:
        console.print(f"No passages match {query!r}.")
        return
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        meta = ", ".join(p for p in (chunk.source, chunk.published[:10]) if p)
        console.print(f"[bold]{rank}. {escape(chunk.title)}[/bold] [dim]{escape(meta)}[/dim]")
        snippet = chunk.text if len(chunk.text) <= 300 else chunk.text[:297] + "..."
        console.print(f"   {escape(snippet)}")
        console.print(f"   [dim]{escape(chunk.article_id)}  score {hit.score:.4f}[/dim]")


def show_report(console: Console, report: IngestReport) -> None:
    """The ingest summary: articles, chunks, embeddings and any errors."""
    console.print(
        f"Articles: [green]{report.new} new[/], [cyan]{report.updated} updated[/], "
        f"{report.unchanged} unchanged, [red]{report.failed} failed[/]. "
        f"Chunks: {report.chunks_added} added, {report.chunks_removed} removed. "
        f"Embeddings: {report.embeddings}."
    )
    if len(report.sources) > 1:
        for tally in report.sources:
            console.print(f"  {escape(source_name(tally.source))}: {tally_text(tally)}")
    for note in report.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    for source, error in report.errors:
        console.print(f"[red]error:[/] {escape(source)}: {escape(error)}")


def tally_text(tally: SourceTally) -> str:
    """'6 new, 0 updated, 0 unchanged, 0 failed'."""
    return (
        f"{tally.new} new, {tally.updated} updated, {tally.unchanged} unchanged, "
        f"{tally.failed} failed"
    )


def source_name(source: str) -> str:
    """A source as a line has room for it: a file by its name, a URL as it is."""
    if "://" in source:
        return source
    return PurePath(source.rsplit(":", 1)[0] if source[-1:].isdigit() else source).name


def step_label(step: Step) -> str:
    """'[2/5] articles.jsonl' for the progress bar: the source being read, and which of how many."""
    name = source_name(step.label) if step.label != "done" else "done"
    name = name if len(name) <= 50 else "…" + name[-49:]
    if step.sources_total > 1:
        return f"[{min(step.sources_done + 1, step.sources_total)}/{step.sources_total}] {name}"
    return name


def show_sources(console: Console, rows: Sequence[dict[str, object]]) -> None:
    """Each source on its own line (long paths stay whole), then its counts and fetch state."""
    if not rows:
        console.print("No sources yet: add some with `rumour ingest`.")
        return
    styles = {"ok": "green", "error": "red", "never": "yellow"}
    for row in rows:
        status = str(row.get("status") or "")
        fetched = str(row.get("last_fetched") or "")
        when = f"fetched {fetched[:16].replace('T', ' ')}" if fetched else "never fetched"
        detail = (
            f"{row['kind']} · {row['articles']} articles · {row['chunks']} chunks · {when} · "
            f"[{styles.get(status, 'white')}]{escape(status)}[/]"
        )
        if row.get("last_error"):
            detail += f": {escape(str(row['last_error']))}"
        console.print(f"[bold]{escape(str(row['source']))}[/]")
        console.print(f"    {detail}")


def show_forget(console: Console, result: ForgetResult) -> None:
    """What `forget` removed."""
    console.print(
        f"Forgot {escape(result.source)}: {result.articles} articles, {result.chunks} chunks."
    )


def show_summary(console: Console, summary: Summary) -> None:
    """The round-up lines with their certainty, then the numbered sources."""
    heading = f"Latest on {summary.topic}" if summary.topic else "Latest rumours"
    if summary.days:
        heading += f" (last {summary.days} days)"
    body = escape(summary.text.replace("**", ""))
    if summary.note:
        body += f"\n\n[dim]{escape(summary.note)}[/dim]"
    console.print(Panel(body, title=escape(heading), subtitle=summary.generator))
    for c in summary.citations:
        console.print(citation_line(c))


def show_feedback(console: Console, report: FeedbackReport) -> None:
    """The share of 👍, the worst-rated questions, and the questions the sources left open."""
    share = f"{report.share_up:.0%} 👍" if report.share_up is not None else "no votes yet"
    console.print(
        f"{report.answers} answers in Discord · {report.votes} votes "
        f"(👍 {report.up}, 👎 {report.down}) · {share}"
    )
    if report.worst:
        console.print("\n[bold]Worst-rated questions[/]")
        for q in report.worst:
            console.print(f"  👎 {q.down} 👍 {q.up}  {escape(q.question)} [dim]({q.verdict})[/]")
            for comment in q.comments:
                console.print(f"        [dim]“{escape(comment)}”[/]")
    if report.unknown:
        console.print("\n[bold]Answered “unknown” most often[/] [dim](sources worth adding)[/]")
        for u in report.unknown:
            console.print(f"  {u.times}×  {escape(u.question)}")


def show_eval(console: Console, scores: Scores, mode: str) -> None:
    """One row per question, then the aggregate metrics."""
    table = Table("id", "verdict", "gold", "top articles", "ms")
    for result in scores.results:
        gold = result.question.verdict or ""
        mark = "" if not gold else (" ✓" if result.answer.verdict == gold else " ✗")
        table.add_row(
            result.question.id,
            f"{result.answer.verdict}{mark}",
            str(gold),
            escape(", ".join(result.article_ids[:3])),
            f"{result.latency_ms:.0f}",
        )
    console.print(table)
    metrics = Table("metric", "value", title=f"retrieval: {mode}")
    for name, value in scores.to_json().items():
        metrics.add_row(name, "n/a" if value is None else str(value))
    console.print(metrics)


def show_records(console: Console, records: Sequence[Record]) -> None:
    """The track records as a table: resolved moves, right, the estimate, days ahead, tier."""
    if not records:
        console.print("No track records yet: no move in the sources has ended after a rumour.")
        return
    table = Table("name", "kind", "resolved moves", "right", "est.", "median days ahead", "tier")
    for r in records:
        days = f"{r.days_ahead:.0f}" if r.days_ahead is not None else "–"
        tier = str(r.tier) if r.tier is not None else ""
        table.add_row(
            escape(r.name),
            str(r.kind),
            str(r.resolved),
            str(r.right),
            f"{r.estimate:.0%}",
            days,
            tier,
        )
    console.print(table)


def show_timeline(console: Console, timeline: Timeline, chart: Path | None) -> None:
    """Where the chart went (or the single claim), then the cited claims, oldest first."""
    if chart is None:
        console.print(escape(timeline.only_claim()))
        return
    console.print(
        f"Wrote {escape(str(chart))}: {len(timeline.points)} claims about "
        f"{len(timeline.moves)} moves of {escape(timeline.person)}."
    )
    for p in timeline.points:
        console.print(
            f"[bold][{p.n}][/bold] {p.stored.article.published[:10]} · {escape(p.outlet)} · "
            f"{p.stage} · {escape(timeline.moves[p.move])}: “{escape(p.stored.claim.text)}”"
        )
    if timeline.undated:
        console.print(f"[dim]{len(timeline.undated)} undated claims are not on the chart.[/dim]")
