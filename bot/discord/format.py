"""Embeds and texts for Discord, always within Discord's limits and never splitting a source."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import PurePath

import discord

from bot.answering.answer import VERDICT_LINES, Answer, Citation, Verdict
from ingest.pipeline.report import IngestReport
from ingest.sources.forgetting import ForgetResult
from ingest.sources.listing import SourceInfo
from ingest.sources.service import Step

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000

NO_MENTIONS = discord.AllowedMentions.none()
ELLIPSIS = "…"
_DESCRIPTION_RESERVE = 1500  # room the answer keeps however many sources there are
_SOURCES_FIELD = "Sources"
_MAX_TITLE_IN_LINE = 200
_MAX_URL_IN_LINE = 400
_MAX_RECORD_IN_LINE = 200
_MARKER = re.compile(r"(?<!\[)\[(\d{1,3})\](?!\()")  # [n], not already a link

BADGES = {
    Verdict.CONFIRMED: ("✅ Confirmed", discord.Colour(0x2ECC71)),
    Verdict.REPORTED: ("🟡 Reported", discord.Colour(0xF1C40F)),
    Verdict.DENIED: ("❌ Denied", discord.Colour(0xE74C3C)),
    Verdict.UNKNOWN: ("❔ Not in the sources", discord.Colour(0x95A5A6)),
}


def fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a line, sentence or word boundary, marked with '…'."""
    text = text.strip()
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    room = text[: limit - len(ELLIPSIS) - 2]  # -2: a bold marker may need closing
    cut = _boundary(room)
    head = room[:cut].rstrip()
    if head.count("**") % 2:
        head += "**"
    return head + ELLIPSIS


def _boundary(room: str) -> int:
    """Where to cut `room`: the last line break, else sentence end, else space in its back half."""
    floor = len(room) // 2
    for pattern in ("\n", ". ", " "):
        at = room.rfind(pattern)
        if at >= floor:
            return at + (1 if pattern == ". " else 0)
    return len(room)


def plural(count: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def content(text: str) -> str:
    """A plain message body within the 2,000-character limit."""
    return fit(text, CONTENT_LIMIT) or ELLIPSIS


def answer_embed(answer: Answer) -> discord.Embed:
    """The verdict badge, the answer with linked [n] markers, and the numbered sources as links."""
    label, colour = BADGES[answer.verdict]
    body = link_markers(without_verdict_line(answer), answer.citations)
    if answer.note:
        body += f"\n\n*{answer.note}*"
    return embed_within_limits(
        author=label,
        title=answer.question,
        description=body,
        lines=[source_line(c) for c in answer.citations],
        footer=f"{answer.generator} answer · quotes are verbatim from the sources",
        colour=colour,
    )


def without_verdict_line(answer: Answer) -> str:
    """The answer's text without the verdict sentence it opens with: the badge says it already."""
    headline = VERDICT_LINES[answer.verdict]
    text = answer.text.strip()
    for opening in (f"**{headline}**", headline):
        if text.startswith(opening) and text[len(opening) :].strip():
            return text[len(opening) :].strip()
    return text


def link_markers(text: str, citations: Sequence[Citation]) -> str:
    """Each [n] marker as a link to its source ('[[1]](https://…)'), where it has a web link."""
    urls = {c.n: citation_url(c) for c in citations}

    def linked(match: re.Match[str]) -> str:
        url = urls.get(int(match.group(1)), "")
        return f"[[{match.group(1)}]]({url})" if url else match.group(0)

    return _MARKER.sub(linked, text)


def citation_url(citation: Citation) -> str:
    """Where a citation links: the quoted outlet's article for a gossip item, else the article."""
    return link_url(citation.quoted_url) or link_url(citation.url)


def sources_embed(rows: Sequence[SourceInfo]) -> discord.Embed:
    """What the bot knows: each source with its kind, article count and last refresh."""
    if not rows:
        return embed_within_limits(
            title="Sources",
            description="No sources yet: a moderator can add some with `/ingest`.",
            colour=discord.Colour.light_grey(),
        )
    articles = sum(row.articles for row in rows)
    fetched = [row.last_fetched for row in rows if row.last_fetched]
    latest = f"last refresh {_when(max(fetched))}" if fetched else "never refreshed"
    head = f"**{plural(len(rows), 'source')} · {plural(articles, 'article')}** · {latest}"
    lines = [_source_row(row) for row in rows]
    return embed_within_limits(
        title="Sources",
        description=join_lines([head, "", *lines], DESCRIPTION_LIMIT, "sources"),
        colour=discord.Colour.blurple(),
    )


def report_embed(title: str, report: IngestReport) -> discord.Embed:
    """An ingest or refresh report: counts, then any notes and errors, one whole line each."""
    counts = (
        f"**{report.new} new**, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.failed} failed · chunks +{report.chunks_added}/−{report.chunks_removed} · "
        f"{report.embeddings} embeddings"
    )
    lines = [counts]
    lines += [f"ℹ️ {discord.utils.escape_markdown(note)}" for note in report.notes]
    lines += [f"⚠️ `{_code(source)}`: {_code(error)}" for source, error in report.errors]
    colour = discord.Colour.green() if report.ok else discord.Colour.orange()
    return embed_within_limits(
        title=title,
        description=join_lines(lines, DESCRIPTION_LIMIT, "messages"),
        colour=colour,
    )


def forget_text(result: ForgetResult) -> str:
    """What `/forget` removed."""
    return content(
        f"Forgot `{_code(result.source)}`: {plural(result.articles, 'article')}, "
        f"{plural(result.chunks, 'chunk')}."
    )


def progress_text(action: str, step: Step) -> str:
    """One line of progress: '⏳ Re-ingesting 2/5 · 128/345 articles · `https://…`'."""
    label = step.label if len(step.label) <= 120 else ELLIPSIS + step.label[-119:]
    parts = [
        f"⏳ {action}"
        + (f" {step.sources_done}/{step.sources_total}" if step.sources_total > 1 else "")
    ]
    total = step.articles_total
    if total and total != step.sources_total:  # more articles than sources: worth counting
        parts.append(f"{min(step.articles_done, total)}/{total} articles")
    if label:
        parts.append(f"`{_code(label)}`")
    return content(" · ".join(parts))


def source_line(citation: Citation) -> str:
    """'**[n]** [Title](url) — Outlet, 2026-01-30': one whole line, well under 1,024 characters.

    A gossip column's item is cited by the outlet it quotes, linked to that outlet's article:
    '**[n]** [dailymail.co.uk](url) via [BBC Sport (gossip column)](url), 2021-03-04'.
    """
    if citation.quoted_outlet:
        return _quoted_source_line(citation)
    title = plain(fit(citation.title or "Untitled", _MAX_TITLE_IN_LINE))
    url = link_url(citation.url)
    linked = f"[{title}]({url})" if url else title
    meta = ", ".join(p for p in (plain(fit(citation.source, 100)), citation.published[:10]) if p)
    return f"**[{citation.n}]** {linked}" + (f" — {meta}" if meta else "") + _record(citation)


def _record(citation: Citation) -> str:
    """' · *Sky Sports: right on 31 of 40 resolved moves (est. 76%)*', or ''."""
    return f" · *{plain(fit(citation.record, _MAX_RECORD_IN_LINE))}*" if citation.record else ""


def _quoted_source_line(citation: Citation) -> str:
    outlet = plain(fit(outlet_label(citation.quoted_outlet), 100))
    url = link_url(citation.quoted_url)
    line = f"**[{citation.n}]** " + (f"[{outlet}]({url})" if url else outlet)
    column = plain(fit(citation.source or citation.title, 100))
    column_url = link_url(citation.url)
    if column:
        linked = f"[{column}]({column_url})" if column_url and len(line) < 500 else column
        line += f" via {linked}"
    date = citation.published[:10]
    return line + (f", {date}" if date else "") + _record(citation)


def outlet_label(outlet: str) -> str:
    """An outlet as readers know it: 'www.dailymail.co.uk' -> 'dailymail.co.uk'."""
    return outlet.strip().removeprefix("https://").removeprefix("http://").removeprefix("www.")


def plain(text: str) -> str:
    """Page text that can make neither formatting nor links."""
    return _escape_brackets(discord.utils.escape_markdown(text))


def _escape_brackets(text: str) -> str:
    """Escape the brackets escape_markdown leaves (it only escapes "[" of a masked link)."""
    return re.sub(r"(?<!\\)\[", r"\\[", text).replace("]", "\\]")


def link_url(url: str) -> str:
    """A URL safe inside a Markdown link, or '' when it cannot be one."""
    if not url.startswith(("http://", "https://")) or len(url) > _MAX_URL_IN_LINE:
        return ""
    return re.sub(r"[()<>\s]", lambda m: f"%{ord(m.group()):02X}", url)


def _source_row(row: SourceInfo) -> str:
    name = row.source
    if row.kind in ("file", "jsonl"):
        name = PurePath(name).name  # the server's own paths are nobody's business
    shown = f"<{name}>" if link_url(name) else f"`{_code(fit(name, 200))}`"
    when = f"refreshed {_when(row.last_fetched)}" if row.last_fetched else "never refreshed"
    line = f"• {shown} — {row.kind} · {plural(row.articles, 'article')} · {when}"
    if row.status == "error" and row.last_error:
        line += f" · ⚠️ {_code(fit(row.last_error, 150))}"
    return line


def _when(iso: str) -> str:
    """A Discord timestamp that every reader sees in their own time zone."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:16]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return discord.utils.format_dt(moment, "R")


def _code(text: str) -> str:
    return text.replace("`", "ˋ")


def join_lines(lines: Sequence[str], limit: int, noun: str) -> str:
    """As many whole lines as fit in `limit` characters, then '…and N more <noun>'."""
    lines = [fit(line, limit // 2) for line in lines]
    total = sum(len(line) + 1 for line in lines) - 1
    keep = len(lines)
    while keep and total > limit:
        keep -= 1
        total -= len(lines[keep]) + 1
        more = f"…and {len(lines) - keep} more {noun}"
        if total + 1 + len(more) <= limit:
            return "\n".join([*lines[:keep], more])
    return "\n".join(lines[:keep])


def _pack(lines: Sequence[str], budget: int, max_fields: int) -> list[tuple[str, str]]:
    """As many whole lines as fit in `budget` characters, then '…and N more'."""
    for keep in range(len(lines), -1, -1):
        shown = list(lines[:keep])
        if keep < len(lines):
            shown.append(f"…and {len(lines) - keep} more")
        fields = _layout(shown)
        if len(fields) <= max_fields and sum(len(n) + len(v) for n, v in fields) <= budget:
            return fields
    return []


def _layout(lines: Sequence[str]) -> list[tuple[str, str]]:
    """Whole lines into field values of at most 1,024 characters each."""
    values: list[str] = []
    for line in lines:
        line = fit(line, FIELD_VALUE_LIMIT)
        if values and len(values[-1]) + 1 + len(line) <= FIELD_VALUE_LIMIT:
            values[-1] += "\n" + line
        else:
            values.append(line)
    return [
        (_SOURCES_FIELD if i == 0 else f"{_SOURCES_FIELD} (cont.)", v) for i, v in enumerate(values)
    ]


def embed_within_limits(
    *,
    title: str,
    description: str,
    colour: discord.Colour,
    lines: Sequence[str] = (),
    author: str = "",
    footer: str = "",
) -> discord.Embed:
    """An embed whose every part, and whose total, fits Discord's limits."""
    title = fit(title, TITLE_LIMIT)
    author = fit(author, AUTHOR_LIMIT)
    footer = fit(footer, FOOTER_LIMIT)
    fixed = len(title) + len(author) + len(footer)
    reserve = min(len(description), _DESCRIPTION_RESERVE)
    fields = _pack(lines, EMBED_TOTAL_LIMIT - fixed - reserve, FIELD_COUNT_LIMIT)
    used = fixed + sum(len(name) + len(value) for name, value in fields)
    description = fit(description, min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - used))
    embed = discord.Embed(title=title, description=description or None, colour=colour)
    if author:
        embed.set_author(name=author)
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    if footer:
        embed.set_footer(text=footer)
    return embed
