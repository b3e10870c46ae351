"""Ingesting files and JSON Lines: formats, idempotence, updates, and bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.index.opening import open_index
from ingest.parsing.loaders import sample_articles_path
from ingest.pipeline.ingestor import Ingestor
from ingest.sources.runner import ingest_files
from tests.support.helpers import make_settings


@pytest.fixture
def ingestor(tmp_path: Path, local_embedder) -> Ingestor:
    return Ingestor.for_index(open_index(make_settings(tmp_path), embedder=local_embedder))


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {
    "id": "tm-1",
    "title": "Leicester eye Adli",
    "text": "Leicester are thought to be plotting a move for Yacine Adli, a report claims.",
    "source": "Le10 Sport",
    "published": "2021-01-10",
    "url": "https://example.org/adli",
    "author": "A. Writer",
    "unknown_field": {"ignored": True},
}


def test_samples_ingest_once_then_nothing_new(ingestor: Ingestor) -> None:
    first = ingest_files(ingestor, jsonl=[sample_articles_path()], sample=True)
    assert first.new == 6 and first.failed == 0 and first.embeddings == first.chunks_added > 0
    again = ingest_files(ingestor, jsonl=[sample_articles_path()], sample=True)
    assert again.to_json() == {
        "articles": {"new": 0, "updated": 0, "unchanged": 6, "failed": 0},
        "chunks": {"added": 0, "removed": 0},
        "embeddings": 0,
        "claims": {"articles_read": 0, "found": 0},
        "errors": [],
    }
    assert all(record.sample for record in ingestor.store.list_articles())


def test_bad_lines_are_reported_with_their_number_and_good_lines_kept(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    path = _write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            GOOD,
            "{not json",
            {"id": "no-text", "title": "Only a title"},
            ["a", "list"],
            {**GOOD, "id": "tm-2", "title": "   "},
            {**GOOD, "id": "tm-3", "source": {"nested": 1}},
            {**GOOD, "id": "tm-4", "text": "Norwich have signed Graham Stuart from Charlton."},
        ],
    )
    report = ingest_files(ingestor, jsonl=[path])
    assert (report.new, report.failed) == (2, 5)
    errors = dict(report.errors)
    assert "invalid JSON" in errors[f"{path}:2"]
    assert "text" in errors[f"{path}:3"]
    assert "JSON object" in errors[f"{path}:4"]
    assert "title" in errors[f"{path}:5"]
    assert "source" in errors[f"{path}:6"]
    stored = ingestor.store.get_article("tm-1")
    assert stored is not None
    assert (stored.source, stored.published, stored.author, stored.url) == (
        "Le10 Sport",
        "2021-01-10",
        "A. Writer",
        "https://example.org/adli",
    )


def test_a_changed_article_replaces_its_old_chunks(ingestor: Ingestor, tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "a.jsonl", [GOOD])
    ingest_files(ingestor, jsonl=[path])
    old_ids = ingestor.store.chunk_ids("tm-1")
    changed = {**GOOD, "text": "Leicester have completed the signing of Yacine Adli from Bordeaux."}
    report = ingest_files(ingestor, jsonl=[_write_jsonl(path, [changed])])
    assert (report.updated, report.chunks_added, report.chunks_removed) == (1, 1, 1)
    assert ingestor.store.chunk_ids("tm-1").isdisjoint(old_ids)
    texts = [c.text for c in ingestor.store.all_chunks()]
    assert texts == [changed["text"]]


def test_ids_default_to_the_url_then_the_content(ingestor: Ingestor, tmp_path: Path) -> None:
    rows = [
        {k: v for k, v in GOOD.items() if k != "id"},
        {"title": "No id or url", "text": "Some article text about a transfer."},
    ]
    ingest_files(ingestor, jsonl=[_write_jsonl(tmp_path / "b.jsonl", rows)])
    ids = {r.id for r in ingestor.store.list_articles()}
    assert "https://example.org/adli" in ids
    assert any(i.startswith("sha256:") for i in ids)


def test_text_markdown_and_html_files(ingestor: Ingestor, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Watford eye Shakespeare\n\nCraig Shakespeare could join the staff.\n"
    )
    (folder / "post.md").write_text(
        "# Burnley plotting Fry move\n\nBurnley are plotting a bid for Dael Fry.\n"
    )
    paragraph = (
        "Wolves are monitoring the situation of the Portugal goalkeeper closely this week. " * 4
    )
    (folder / "page.html").write_text(
        "<html><head><title>Patricio watch</title></head><body>"
        "<nav>Home | Football | Cookies</nav>"
        f"<article><h1>Patricio watch</h1><p>{paragraph}</p></article>"
        "<footer>Copyright footer links</footer></body></html>"
    )
    (folder / "ignored.csv").write_text("a,b\n")
    report = ingest_files(ingestor, [folder])
    assert (report.new, report.failed) == (3, 0)
    titles = {r.title for r in ingestor.store.list_articles()}
    assert titles == {"Watford eye Shakespeare", "Burnley plotting Fry move", "Patricio watch"}
    chunk_text = " ".join(c.text for c in ingestor.store.all_chunks())
    assert "Cookies" not in chunk_text and "Copyright footer" not in chunk_text


def test_missing_and_unsupported_files_fail_without_touching_the_index(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    ingest_files(ingestor, jsonl=[sample_articles_path()], sample=True)
    before = ingestor.store.count_chunks()
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talk\n\nSome text".encode("latin-1"))
    report = ingest_files(
        ingestor, [tmp_path / "nope.txt", tmp_path / "data.bin", tmp_path / "latin1.txt"]
    )
    assert report.failed == 3 and report.new == 0
    reasons = " ".join(e for _, e in report.errors)
    assert "no such file" in reasons and "unsupported file type" in reasons and "UTF-8" in reasons
    assert ingestor.store.count_chunks() == before


def test_footnote_markers_in_pages_are_not_kept(ingestor: Ingestor, tmp_path: Path) -> None:
    body = (
        "Midtjylland have signed the Danish defender Olaf Rasmussen.[2] The fee was undisclosed.[3] "
        * 3
    )
    page = tmp_path / "wiki.html"
    page.write_text(f"<html><body><article><h1>Transfers</h1><p>{body}</p></article></body></html>")
    assert ingest_files(ingestor, [page]).new == 1
    stored = ingestor.store.get_article(ingestor.store.list_articles()[0].id)
    assert stored is not None and "[2]" not in stored.text and "Rasmussen. The fee" in stored.text
