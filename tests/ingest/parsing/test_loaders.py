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
