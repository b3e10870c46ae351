"""Embeds fit every Discord limit, keep each source line whole, and never lose the verdict."""

from __future__ import annotations

import re

import discord
import pytest

from bot.answering.answer import Answer, Citation, Verdict
from bot.answering.summary import Summary
from bot.discord.format import (
    BADGES,
    answer_embed,
    content,
    fit,
    progress_text,
    report_embed,
    source_line,
    sources_embed,
)
from bot.discord.roundup import summary_embed
from ingest.pipeline.report import IngestReport
from ingest.sources.listing import SourceInfo
from tests.support.discord_helpers import embed_problems


def citation(n: int, *, title: str = "", url: str = "", source: str = "Kicker") -> Citation:
    return Citation(
        n=n,
        article_id=f"a{n}",
        title=title or f"Kroos could become Klopp's assistant, report number {n}",
        source=source,
        url=url or f"https://news.example/2026/01/story-{n}",
        published="2026-01-30T10:00:00+00:00",
        quote="Kroos could become Klopp's assistant.",
    )


def long_answer(chars: int, citations: int) -> Answer:
    sentence = "Kicker claim Kroos could become Klopp's assistant at Real Madrid [{n}]. "
    text = "**Reported: the sources report or claim it; nothing confirms it.**\n"
    n = 0
    while len(text) < chars:
        text += sentence.format(n=n % citations + 1)
        n += 1
    return Answer(
        question="Is Kroos joining Klopp's staff? " * 10,
        text=text[:chars],
        verdict=Verdict.REPORTED,
        citations=[citation(i) for i in range(1, citations + 1)],
        note="The language model was unavailable, so this answer quotes the sources directly.",
    )


def field_lines(embed: discord.Embed) -> list[str]:
    return [line for field in embed.fields for line in (field.value or "").splitlines()]


def test_a_normal_answer_shows_badge_answer_and_linked_sources() -> None:
    answer = long_answer(400, 2)
    embed = answer_embed(answer)
    label, colour = BADGES[Verdict.REPORTED]
    assert embed.author.name == label and embed.colour == colour
    assert embed.description.startswith("Kicker claim Kroos")  # the badge alone says "Reported"
    assert "[[1]](https://news.example/2026/01/story-1)" in embed.description
    assert embed.description.endswith(
        "*The language model was unavailable, so this answer quotes the sources directly.*"
    )
    assert field_lines(embed) == [source_line(c) for c in answer.citations]
    assert field_lines(embed)[0] == (
        "**[1]** [Kroos could become Klopp's assistant, report number 1]"
        "(https://news.example/2026/01/story-1) — Kicker, 2026-01-30"
    )
    assert embed_problems(embed) == []


@pytest.mark.parametrize(("chars", "citations"), [(10_000, 8), (10_000, 60), (3_000, 40)])
def test_long_answers_fit_every_limit_without_splitting_a_source(
    chars: int, citations: int
) -> None:
    answer = long_answer(chars, citations)
    embed = answer_embed(answer)
    assert embed_problems(embed) == []
    whole = {source_line(c) for c in answer.citations}
    lines = field_lines(embed)
    assert lines[0] in whole
    for line in lines:
        assert line in whole or re.fullmatch(r"…and \d+ more", line), line
    shown = sum(line in whole for line in lines)
    if shown < citations:
        assert lines[-1] == f"…and {citations - shown} more"
    description = embed.description or ""
    assert description.endswith("…")
    assert description.count("**") % 2 == 0  # bold closed
    assert not re.search(r"\[\d*$|\]\([^)]*$", description.rstrip("…"))  # no marker cut in half
    assert re.sub(r"\[\[\d+\]\]\(https://news\.example/2026/01/story-\d+\)", "", description).count("](") == 0


def test_a_source_line_with_hostile_title_and_url_stays_one_valid_link() -> None:
    line = source_line(
        citation(
            3, title="[Breaking] *Kroos* to_Madrid " + "x" * 400, url="https://e.example/a (b)<c>"
        )
    )
    assert line.startswith("**[3]** [\\[Breaking\\] \\*Kroos\\* to\\_Madrid")
    assert "(https://e.example/a%20%28b%29%3Cc%3E)" in line
    assert len(line) < 1024
    too_long_url = source_line(citation(4, url="https://e.example/" + "p" * 600))
    assert "](" not in too_long_url  # no link rather than a broken one
    not_web = source_line(citation(5, url="file:///etc/passwd"))
    assert "](" not in not_web


def test_fit_cuts_at_a_boundary_and_closes_bold() -> None:
    assert fit("short", 10) == "short"
    cut = fit("**Reported: a long verdict line that goes on** and on and on", 30)
    assert len(cut) <= 30 and cut.endswith("…")
    assert cut.count("**") % 2 == 0
    assert fit("word " * 100, 50).endswith("word…")
    assert 1990 <= len(content("x" * 5000)) <= 2000


def test_summary_sources_and_report_embeds_fit() -> None:
    summary = Summary(
        topic="Real Madrid manager " * 20,
        days=7,
        items=[],
        citations=[citation(i) for i in range(1, 40)],
        text='- **Reported** · Kicker: "Kroos could become Klopp\'s assistant." [1]\n' * 200,
    )
    embed = summary_embed(summary)
    assert embed_problems(embed) == []
    assert embed.title.startswith("Latest on Real Madrid manager")
    empty = summary_embed(Summary(topic=None, days=None, items=[], citations=[]))
    assert empty.title == "Latest rumours" and "Nothing" in empty.description

    rows = [
        SourceInfo(
            f"https://feeds.example/{i}.xml",
            "feed",
            i,
            2 * i,
            "2026-01-30T10:00:00+00:00",
            "ok",
            "",
        )
        for i in range(500)
    ]
    rows.append(SourceInfo("/srv/data/samples/articles.jsonl", "jsonl", 6, 7, "", "ok", ""))
    embed = sources_embed(rows)
    assert embed_problems(embed) == []
    assert "501 sources" in embed.description and "more sources" in embed.description
    assert "/srv/data" not in embed.description
    assert "<t:" in embed.description  # the last refresh, in each reader's time zone

    report = IngestReport(
        new=1, failed=300, errors=[(f"https://x.example/{i}", "HTTP 500 " * 20) for i in range(300)]
    )
    embed = report_embed("Re-ingested every source", report)
    assert embed_problems(embed) == []
    assert embed.description.startswith("**1 new**") and "more messages" in embed.description
    assert embed.colour == discord.Colour.orange()


def test_progress_text_is_one_short_line() -> None:
    from ingest.sources.service import Step

    text = progress_text("Re-ingesting", Step("https://feeds.example/" + "x" * 500, 2, 5, 2, 5))
    assert text.startswith("⏳ Re-ingesting 2/5 · `…") and len(text) < 200
    assert (
        progress_text("Ingesting", Step("https://a.example/", 0, 1, 0, 1))
        == "⏳ Ingesting · `https://a.example/`"
    )
    feed = progress_text("Re-ingesting", Step("https://f.example/rss (3/40)", 1, 2, 41, 140))
    assert feed == "⏳ Re-ingesting 1/2 · 41/140 articles · `https://f.example/rss (3/40)`"


def test_page_text_in_a_source_line_cannot_make_links_or_formatting() -> None:
    from bot.answering.answer import Citation
    from bot.discord.format import source_line

    line = source_line(
        Citation(
            1,
            "a",
            "Kroos [update]",
            "[click](https://evil.example) *x*",
            "https://a.b/c",
            "2026-01-01",
            "q",
        )
    )
    assert line == (
        "**[1]** [Kroos \\[update\\]](https://a.b/c) — \\[click\\](https://evil.example) \\*x\\*, 2026-01-01"
    )


def test_a_gossip_item_is_cited_by_its_outlet_with_the_date_once() -> None:
    from dataclasses import replace

    item = replace(
        citation(2, url="https://www.bbc.com/sport/55882192", source="BBC Sport (gossip column)"),
        title="BBC Sport football gossip column, 1 February 2021",
        published="2021-02-01",
        quoted_outlet="www.dailymail.co.uk",
        quoted_url="https://www.dailymail.co.uk/sport/a-1.html",
    )
    assert source_line(item) == (
        "**[2]** [dailymail.co.uk](https://www.dailymail.co.uk/sport/a-1.html) via "
        "[BBC Sport (gossip column)](https://www.bbc.com/sport/55882192), 2021-02-01"
    )
    assert source_line(replace(item, quoted_url="", url="")) == (
        "**[2]** dailymail.co.uk via BBC Sport (gossip column), 2021-02-01"
    )
    unnamed = source_line(replace(citation(3), source="", published=""))
    assert unnamed.endswith(")") and "—" not in unnamed  # no outlet, no date: neither is shown


def test_markers_link_only_to_web_sources() -> None:
    from bot.discord.format import link_markers

    cites = [citation(1), citation(2, url="file:///tmp/a.txt")]
    text = "Kicker claim it [1]. A file says so [2]. [3] is no source."
    assert link_markers(text, cites) == (
        "Kicker claim it [[1]](https://news.example/2026/01/story-1). A file says so [2]. "
        "[3] is no source."
    )
    assert link_markers(link_markers(text, cites), cites) == link_markers(text, cites)


def test_a_round_up_of_many_long_moves_stays_a_glance() -> None:
    from bot.answering.summary import SummaryItem

    long_url = "https://www.example-outlet.co.uk/sport/football/transfer-news/" + "x" * 300
    items = [
        SummaryItem(
            f"Club {n} are said to be preparing a bid for a striker " + "and more " * 40,
            Verdict.REPORTED,
            (n, n + 1),
            "2021-05-18",
            "Sky Sports",
            quoted_outlet="www.example-outlet.co.uk",
            quoted_url=long_url,
        )
        for n in range(1, 9)
    ]
    summary = Summary("Kane", 30, items, [citation(i) for i in range(1, 10)])
    embed = summary_embed(summary)
    assert embed_problems(embed) == [] and len(embed) < 1000
    lines = embed.description.splitlines()
    assert lines[-1].startswith("…and ") and lines[-1].endswith(" more moves")
    assert all(len(line) <= 260 for line in lines)
