"""Crash safety: an ingest killed at any moment, then run again, ends exactly like a clean run.

The sweep tests build each state an interrupted write can leave (through the StoreWriter API, in
the order the ingestor writes) and check the next locked write repairs it. The kill tests run the
real CLI in a subprocess and SIGKILL it in the middle of its writes.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.core.schema import Article
from ingest.index.opening import open_index
from ingest.pipeline.chunking import chunk_article
from ingest.pipeline.ingestor import Ingestor
from ingest.sources.locking import MARKER_FILE, DataDirLock
from tests.support.helpers import REPO, MakeServices, make_settings

V1 = Article(
    id="tm-1",
    title="Leicester eye Adli",
    text=" ".join(
        f"Sentence {n}: Leicester are thought to be plotting a move for Yacine Adli, with a bid "
        f"expected in round {n} of talks."
        for n in range(12)
    ),
    origin="test",
)
V2 = Article(
    id="tm-1",
    title="Leicester eye Adli",
    text=V1.text.split("Sentence 6")[0] + "Update: Leicester have completed the signing of Adli.",
    origin="test",
)


@pytest.fixture
def ingestor(tmp_path: Path, local_embedder) -> Ingestor:
    return Ingestor.for_index(open_index(make_settings(tmp_path / "one"), embedder=local_embedder))


@pytest.fixture
def clean(tmp_path: Path, local_embedder) -> Ingestor:
    return Ingestor.for_index(
        open_index(make_settings(tmp_path / "clean"), embedder=local_embedder)
    )


def store_state(ingestor: Ingestor) -> tuple[dict[str, Any], dict[str, Any]]:
    chunks = {c.id: c for c in ingestor.store.all_chunks()}
    articles = {r.id: r for r in ingestor.store.list_articles()}
    return chunks, articles


def put_new_chunks(ingestor: Ingestor, article: Article) -> list[str]:
    """What a write killed before the article record leaves: the article's new chunks only."""
    chunks = chunk_article(article, ingestor.count_tokens, ingestor.config)
    existing = ingestor.store.chunk_ids(article.id)
    new = [c for c in chunks if c.id not in existing]
    ingestor.store.put_chunks(new, ingestor.embedder.embed([c.text for c in new]))
    return [c.id for c in new]


def test_sweep_removes_chunks_of_an_article_never_committed(ingestor: Ingestor) -> None:
    put_new_chunks(ingestor, V1)
    assert ingestor.store.count_chunks() > 0
    result = ingestor.sweep([V1.id])
    assert result.orphans > 0 and ingestor.store.count_chunks() == 0


def test_sweep_leaves_alone_what_it_did_not_journal(ingestor: Ingestor) -> None:
    other = Article(id="tm-2", title="Other", text="Another process is writing this one.")
    theirs = put_new_chunks(ingestor, other)  # not committed yet: its writer is still at work
    put_new_chunks(ingestor, V1)  # what the interrupted write had journaled
    ingestor.sweep([V1.id])
    assert sorted(c.id for c in ingestor.store.all_chunks()) == sorted(theirs)


def test_sweep_undoes_an_update_stopped_before_its_commit(
    ingestor: Ingestor, clean: Ingestor
) -> None:
    ingestor.ingest([V1])
    v1_state = store_state(ingestor)
    assert put_new_chunks(ingestor, V2)
    assert ingestor.sweep([V2.id]).stale > 0
    assert store_state(ingestor) == v1_state  # the old version, whole and alone
    ingestor.ingest([V2])
    clean.ingest([V1])
    clean.ingest([V2])
    assert store_state(ingestor) == store_state(clean)


def test_sweep_finishes_an_update_stopped_before_its_stale_deletes(
    ingestor: Ingestor, clean: Ingestor
) -> None:
    ingestor.ingest([V1])
    put_new_chunks(ingestor, V2)
    ingestor.store.put_article(V2, len(chunk_article(V2, ingestor.count_tokens, ingestor.config)))
    assert ingestor.sweep([V2.id]).stale > 0
    clean.ingest([V2])
    assert store_state(ingestor) == store_state(clean)
    assert ingestor.ingest([V2]).unchanged == 1


def test_sweep_finishes_a_delete_stopped_half_way(ingestor: Ingestor) -> None:
    ingestor.ingest([V1])
    ids = sorted(ingestor.store.chunk_ids(V1.id))
    ingestor.store.delete_chunks(ids[:1])  # a forget killed after its first chunk batch
    assert ingestor.sweep([V1.id]).articles == 1
    assert ingestor.store.list_articles() == [] and ingestor.store.count_chunks() == 0


def test_the_next_write_sweeps_after_one_that_did_not_finish(
    tmp_path: Path, make_services: MakeServices
) -> None:
    services = make_services(tmp_path)
    settings = services.settings
    try:
        lock = DataDirLock(settings.data_dir)
        with pytest.raises(RuntimeError), lock.hold():
            lock.record([V1.id])  # what a writer does before it changes an article
            put_new_chunks(services.sources.ingestor, V1)
            raise RuntimeError("the process died here")
        assert lock.journaled() == [V1.id]
        assert (settings.data_dir / MARKER_FILE).exists()
        path = tmp_path / "other.jsonl"
        path.write_text('{"id": "x1", "title": "Other", "text": "Another rumour entirely."}\n')
        assert services.sources.ingest(jsonl=[path]).new == 1
        assert {c.article_id for c in services.reader.all_chunks()} == {"x1"}
        assert not (settings.data_dir / MARKER_FILE).exists()
        # A write that finishes leaves no marker, so the next one does not sweep at all.
        with lock.hold() as unfinished:
            assert unfinished is None
    finally:
        services.close()


def test_the_journal_holds_what_held_writes_recorded_and_survives_a_torn_line(
    tmp_path: Path,
) -> None:
    lock = DataDirLock(tmp_path / "data")
    lock.record(["outside"])  # no write holds the lock: nothing to journal
    assert not lock.marker.exists()
    with pytest.raises(RuntimeError), lock.hold() as unfinished:
        assert unfinished is None
        lock.record(["a", "b"])
        lock.record(["b", "c"])
        raise RuntimeError("killed")
    with lock.marker.open("a") as journal:
        journal.write('["d", "e')  # a record cut short: its write had not begun
    with lock.hold() as unfinished:
        assert unfinished == ["a", "b", "c"]
    assert not lock.marker.exists()


# kill -9 ---------------------------------------------------------------------------------------

ARTICLES = 70  # more than one 64-article batch
# Logged between a batch's chunk writes and its article records: the window a kill must hit.
_WROTE_CHUNKS = re.compile(r"DEBUG\s+wrote \d+ new chunks of \d+ articles")


def corpus(version: int) -> str:
    """JSON Lines: version 2 rewrites the second half of every other article."""
    lines = []
    for n in range(ARTICLES):
        sentences = [
            f"Sentence {k} of rumour {n}: club {n % 9} are said to be tracking a forward "
            f"after scouting him {k + 2} times this season."
            for k in range(8)
        ]
        if version == 2 and n % 2 == 0:
            sentences[4:] = [f"Rumour {n} update: the club have now agreed a fee of £{n + 5}m."]
        record = {"id": f"art-{n:03d}", "title": f"Rumour {n}", "text": " ".join(sentences)}
        lines.append(json.dumps(record) + "\n")
    return "".join(lines)


class CLIRun:
    """`rumour ingest --jsonl FILE` in a subprocess, with DEBUG logging to a file."""

    def __init__(self, tmp_path: Path, data: Path, jsonl: Path, name: str) -> None:
        env = {
            **os.environ,
            "RUMOUR_DATA_DIR": str(data),
            "RUMOUR_LOG_LEVEL": "DEBUG",
            "PYTHONPATH": str(REPO),
            "COLUMNS": "200",
        }
        self.stderr_path = tmp_path / f"{name}.stderr"
        self._stderr = self.stderr_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "ingest", "--jsonl", str(jsonl), "--json"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )

    def batches_written(self) -> int:
        return len(_WROTE_CHUNKS.findall(self.stderr_path.read_text()))

    def kill_after(self, batches: int, delay: float) -> None:
        """SIGKILL once `batches` batches have written their chunks (plus `delay`)."""
        deadline = time.monotonic() + 180
        while self.batches_written() < batches:
            assert self.process.poll() is None, self.stderr_path.read_text()[-2000:]
            assert time.monotonic() < deadline, "the ingest never got that far"
            time.sleep(0.005)
        time.sleep(delay)
        os.kill(self.process.pid, signal.SIGKILL)
        out, _ = self.process.communicate(timeout=60)
        self._stderr.close()
        assert self.process.returncode == -signal.SIGKILL
        assert out == "", "the run finished before it was killed"

    def finish(self) -> dict[str, Any]:
        out, _ = self.process.communicate(timeout=300)
        self._stderr.close()
        assert self.process.returncode == 0, self.stderr_path.read_text()[-3000:]
        return json.loads(out)


def chroma_state(data: Path) -> dict[str, Any]:
    """Everything stored, read straight from Chroma: ids, documents, metadata, vector index."""
    client = chromadb.PersistentClient(
        path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    chunks = client.get_collection("rumours")
    articles = client.get_collection("rumours-articles")
    got = chunks.get(include=["documents", "metadatas", "embeddings"])
    ids = got["ids"]
    nearest = chunks.query(query_embeddings=[got["embeddings"][0]], n_results=len(ids))
    records = articles.get(include=["documents", "metadatas"])
    return {
        "chunks": {
            i: (d, m) for i, d, m in zip(ids, got["documents"], got["metadatas"], strict=True)
        },
        "vector_index": sorted(nearest["ids"][0]),  # every chunk, and only those, is searchable
        "count": chunks.count(),
        "articles": {
            i: (d, m)
            for i, d, m in zip(
                records["ids"], records["documents"], records["metadatas"], strict=True
            )
            if i != "__revision__"
        },
    }


def registry_state(data: Path) -> list[tuple[str, str, str]]:
    saved = json.loads((data / "sources.json").read_text())
    return [(s["source"], s["kind"], s["status"]) for s in saved["sources"]]


@pytest.mark.slow
def test_ingest_killed_mid_run_then_rerun_equals_a_clean_run(
    tmp_path: Path, make_services: MakeServices
) -> None:
    jsonl = tmp_path / "rumours.jsonl"
    crashed, clean = tmp_path / "crashed", tmp_path / "clean"
    clean_services = make_services(tmp_path, data_dir=clean)
    try:
        # First ingest: killed twice at different points, then finished.
        jsonl.write_text(corpus(1))
        assert clean_services.sources.ingest(jsonl=[jsonl]).new == ARTICLES
        CLIRun(tmp_path, crashed, jsonl, "v1-a").kill_after(1, 0.0)
        CLIRun(tmp_path, crashed, jsonl, "v1-b").kill_after(1, 0.05)
        report = CLIRun(tmp_path, crashed, jsonl, "v1-c").finish()
        assert report["articles"]["failed"] == 0
        assert report["articles"]["new"] + report["articles"]["unchanged"] == ARTICLES
        # Re-ingest of a changed corpus: killed while replacing chunks, then finished.
        jsonl.write_text(corpus(2))
        assert clean_services.sources.ingest(jsonl=[jsonl]).updated == ARTICLES // 2
        CLIRun(tmp_path, crashed, jsonl, "v2-a").kill_after(1, 0.0)
        report = CLIRun(tmp_path, crashed, jsonl, "v2-b").finish()
        assert report["articles"]["new"] == 0 and report["articles"]["failed"] == 0
    finally:
        clean_services.close()
    expected, actual = chroma_state(clean), chroma_state(crashed)
    assert actual["count"] == len(actual["chunks"]) == len(expected["chunks"])
    assert actual["vector_index"] == sorted(actual["chunks"])
    assert actual["chunks"] == expected["chunks"]
    assert actual["articles"] == expected["articles"]
    assert registry_state(crashed) == registry_state(clean)
    assert not (crashed / MARKER_FILE).exists()
