"""JSON Lines input that is wrong in one place: that line gets a clear error, the rest go in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.index.opening import open_index
from ingest.pipeline.ingestor import Ingestor
from ingest.sources.runner import ingest_files
from tests.support.helpers import make_settings


@pytest.fixture
def ingestor(tmp_path: Path, local_embedder) -> Ingestor:
    return Ingestor.for_index(open_index(make_settings(tmp_path), embedder=local_embedder))


def good(n: int) -> bytes:
    record = {"id": f"g{n}", "title": f"Good {n}", "text": f"Club {n} are tracking a forward."}
    return json.dumps(record).encode() + b"\n"


def test_a_lone_surrogate_or_a_byte_that_is_not_utf8_fails_only_its_own_line(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        good(1)
        + b'{"id": "s", "title": "Odd", "text": "x\\udc00y"}\n'
        + good(3)
        + b'{"id": "b", "title": "Caf\xe9", "text": "Latin-1 slipped in."}\n'
        + good(5)
    )
    report = ingest_files(ingestor, jsonl=[path])
    assert (report.new, report.failed) == (3, 2)
    assert dict(report.errors) == {
        f"{path}:2": "field 'text' is not valid Unicode: a lone surrogate (\\udc00) at character 2",
        f"{path}:4": "not UTF-8 text (byte 0xe9 at column 26)",
    }
    assert {r.id for r in ingestor.store.list_articles()} == {"g1", "g3", "g5"}


# Folders ----------------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles, a link to one of them, and links that lead out of the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private\n\nTOPSECRET salary figures.\n")
    (outside / "more.md").write_text("# More\n\nTOPSECRET as well.\n")
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Watford eye Shakespeare\n\nCraig Shakespeare could join.\n")
    (root / "sub" / "b.md").write_text("# Burnley plotting Fry move\n\nBurnley may bid for Fry.\n")
    (root / "b-link.md").symlink_to(root / "sub" / "b.md")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "sub" / "up.md").symlink_to(Path("..", "..", "outside", "more.md"))
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    return root


def skipped_notes(folder: Path) -> list[str]:
    outside = folder.parent / "outside"
    return [
        f"{folder / 'secret.txt'}: skipped, a link to {outside / 'secret.txt'}, outside the folder",
        f"{folder / 'sub' / 'up.md'}: skipped, a link to {outside / 'more.md'}, outside the folder",
    ]


def test_a_folder_ingest_skips_links_that_leave_the_folder_and_says_so(
    folder: Path, make_service
) -> None:
    service = make_service()
    report = service.ingest([str(folder)])
    assert (report.new, report.failed) == (2, 0)
    assert report.notes == skipped_notes(folder)
    assert report.to_json()["notes"] == skipped_notes(folder)
    assert not any("TOPSECRET" in c.text for c in service.store.all_chunks())
    names = ["a.txt", "b-link.md", "sub/b.md"]  # a link that stays inside is read
    assert sorted(service.registry.load()) == [str(folder / name) for name in names]


def test_reading_a_folder_skips_links_that_leave_it(ingestor: Ingestor, folder: Path) -> None:
    report = ingest_files(ingestor, [folder])
    assert (report.new, report.failed) == (2, 0)
    assert report.notes == skipped_notes(folder)
    assert not any("TOPSECRET" in c.text for c in ingestor.store.all_chunks())


# Loose input ------------------------------------------------------------------------------------


def test_loose_records_are_read_or_refused_with_a_specific_reason(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    path = tmp_path / "loose.jsonl"
    rows = [
        {"id": "d1", "title": "Dated", "text": "Chelsea eye a keeper.", "published": "31/08/2024"},
        {"id": "d2", "title": "Undated", "text": "Spurs eye a keeper.", "published": "not a date"},
        {"id": "n", "title": "Number", "text": 42},
        {"id": "t", "title": ["a", "list"], "text": "Some text."},
        {"id": "s", "title": "Source", "text": "Some text.", "source": 3.5},
    ]
    lines = [json.dumps(row) for row in rows] + ['{"title": "Tab", "text": "a\tb"}', "{oops"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_files(ingestor, jsonl=[path])
    assert (report.new, report.failed) == (2, 5)
    assert dict(report.errors) == {
        f"{path}:3": "field 'text' must be a string, not a number",
        f"{path}:4": "field 'title' must be a string, not a list",
        f"{path}:5": "field 'source' must be a string, not a number",
        f"{path}:6": "invalid JSON (Invalid control character at column 28)",
        f"{path}:7": "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
    }
    assert report.notes == [
        f"{path}:2: published 'not a date' is not a date I can read; stored without a date"
    ]
    dated, undated = ingestor.store.get_article("d1"), ingestor.store.get_article("d2")
    assert dated is not None and dated.published == "2024-08-31"
    assert undated is not None and undated.published == ""


def test_an_empty_jsonl_file_is_an_error_and_is_not_registered(
    tmp_path: Path, make_service
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n")
    service = make_service()
    report = service.ingest(jsonl=[empty])
    assert not report.ok
    assert report.errors == [(str(empty), "the file is empty: no JSON lines to read")]
    assert service.registry.load() == {}
