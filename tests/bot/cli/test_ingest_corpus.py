"""Re-ingesting the BBC football corpus costs nothing: no embedding, no chunk, no claim read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.support.helpers import read_jsonl, shared_file


@pytest.mark.corpus
@pytest.mark.slow
def test_reingest_of_bbc_football_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = shared_file("corpus/bbc_football.jsonl")
    records = len(read_jsonl(corpus))
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(tmp_path / "data"))
    assert main(["ingest", "--jsonl", str(corpus), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["articles"]["new"] == records == 265
    assert first["embeddings"] == first["chunks"]["added"] > records
    assert first["claims"]["articles_read"] == records and first["claims"]["found"] > records
    assert main(["ingest", "--jsonl", str(corpus), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again == {
        "articles": {"new": 0, "updated": 0, "unchanged": 265, "failed": 0},
        "chunks": {"added": 0, "removed": 0},
        "embeddings": 0,
        "claims": {"articles_read": 0, "found": 0},
        "errors": [],
    }
    assert main(["refresh", "--json"]) == 0  # the registered file, refreshed: the same
    assert json.loads(capsys.readouterr().out) == again
