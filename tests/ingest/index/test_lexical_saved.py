"""The saved lexical index: written by every write, loaded (not rebuilt) by every process,
rebuilt when it is stale or broken, and recovered after a process dies in the middle of a write.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.core.schema import Article
from ingest.core.settings import Settings
from ingest.index.lexical_build import MANIFEST
from ingest.index.lexical_dir import POINTER
from ingest.index.opening import Index, open_index
from ingest.index.store import open_collections
from ingest.index.writer import ChromaWriter
from ingest.pipeline.chunking import chunk_article
from ingest.pipeline.ingestor import Ingestor
from tests.support.helpers import REPO, make_settings

VOKES = Article(
    id="https://example.org/vokes",
    title="Wycombe close in on Vokes",
    text="Wycombe are in advanced talks to sign Stoke striker Sam Vokes, the Athletic reports.",
    source="The Athletic",
)
ADLI = Article(
    id="https://example.org/adli",
    title="Leicester eye Adli",
    text="Leicester are plotting a move for Bordeaux midfielder Yacine Adli, says L'Equipe.",
    source="L'Equipe",
)


def _ids(index: Index, query: str) -> list[str]:
    found = index.lexical.search(query, 5)
    return [index.reader.get_chunks([chunk_id])[chunk_id].article_id for chunk_id, _ in found]


def _pointer(settings: Settings) -> dict[str, str]:
    return json.loads((settings.lexical_dir / POINTER).read_text())


def _store_chunk_ids(index: Index) -> set[str]:
    return {c.id for c in index.reader.all_chunks()}


def _snapshot_chunk_ids(index: Index) -> set[str]:
    return set(index.lexical.snapshot().chunk_ids())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def test_a_write_saves_the_index_and_another_process_loads_it(
    settings: Settings, local_embedder
) -> None:
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES])
    pointer = _pointer(settings)
    assert pointer["revision"] == index.reader.revision()
    manifest = json.loads((settings.lexical_dir / pointer["snapshot"] / MANIFEST).read_text())
    assert manifest["chunks"] == 1
    # A new reader (as another process would) loads that snapshot: no rebuild, no new one.
    fresh = open_index(settings, embedder=local_embedder)
    snapshot = fresh.lexical.snapshot()
    assert snapshot.directory == settings.lexical_dir / pointer["snapshot"]
    assert snapshot.revision == pointer["revision"] == fresh.reader.revision()
    assert _ids(fresh, "Vokes Wycombe") == [VOKES.id]
    assert _pointer(settings) == pointer


def test_writes_that_change_no_chunk_only_move_the_revision_on(
    settings: Settings, local_embedder
) -> None:
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES])
    before = _pointer(settings)
    index.writer.put_article(VOKES, 1)  # an article record only (a source handed over, say)
    after = _pointer(settings)
    assert after["snapshot"] == before["snapshot"]
    assert after["revision"] == index.reader.revision() != before["revision"]


def test_a_stale_index_is_detected_and_rebuilt(settings: Settings, local_embedder) -> None:
    index = open_index(settings, embedder=local_embedder)
    ingestor = Ingestor.for_index(index)
    ingestor.ingest([VOKES])
    assert _ids(index, "Adli Leicester") == []
    # A write the saved index never hears of: an older version, or a process that died.
    client = chromadb.PersistentClient(
        path=str(settings.chroma_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    blind = ChromaWriter(open_collections(client, local_embedder, settings.collection))
    chunks = chunk_article(ADLI, ingestor.count_tokens, ingestor.config)
    blind.put_chunks(chunks, local_embedder.embed([c.text for c in chunks]))
    blind.put_article(ADLI, len(chunks))
    stale = _pointer(settings)
    assert stale["revision"] != index.reader.revision()

    assert _ids(index, "Adli Leicester") == [ADLI.id]  # noticed on the next search, rebuilt
    rebuilt = _pointer(settings)
    assert rebuilt["revision"] == index.reader.revision()
    assert rebuilt["snapshot"] != stale["snapshot"]
    assert _snapshot_chunk_ids(index) == _store_chunk_ids(index)


@pytest.mark.parametrize("damage", ["cut short", "file missing", "pointer garbled"])
def test_a_damaged_index_is_rebuilt(settings: Settings, local_embedder, damage: str) -> None:
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES, ADLI])
    snapshot = settings.lexical_dir / _pointer(settings)["snapshot"]
    if damage == "cut short":
        corpus = snapshot / "chunks.jsonl"
        corpus.write_bytes(corpus.read_bytes()[:20])
    elif damage == "file missing":
        (snapshot / "data.csc.index.npy").unlink()
    else:
        (settings.lexical_dir / POINTER).write_text('{"snapshot": "s-')
    fresh = open_index(settings, embedder=local_embedder)
    assert _ids(fresh, "Adli Leicester") == [ADLI.id]
    assert _pointer(settings)["snapshot"] != snapshot.name
    assert not snapshot.exists() or damage == "pointer garbled"


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from ingest.core.schema import Article
from ingest.index.embedders import LocalEmbedder
from ingest.index.lexical_build import SavedChunks, saved_chunk, write_snapshot
from ingest.index.lexical_dir import SnapshotDir
from ingest.index.opening import open_index
from ingest.pipeline.ingestor import Ingestor
from tests.support.helpers import make_settings

settings = make_settings(Path(sys.argv[1]))
index = open_index(settings, embedder=LocalEmbedder())
ingestor = Ingestor.for_index(index)
article = Article(id=sys.argv[2], title=sys.argv[3], text=sys.argv[4])
with index.writer.updating():
    ingestor.ingest([article])  # stored in Chroma; the index is saved when the block ends
    # The next snapshot is half written when the process dies.
    chunks = SavedChunks.of(map(saved_chunk, index.reader.all_chunks()))
    partial = SnapshotDir(settings.lexical_dir).new_snapshot_path()
    write_snapshot(partial, chunks, "never published")
    (partial / "manifest.json").unlink()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_process_killed_during_an_index_update_is_recovered(
    tmp_path: Path, settings: Settings, local_embedder
) -> None:
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES])
    before = _pointer(settings)
    process = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(tmp_path), ADLI.id, ADLI.title, ADLI.text],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert process.returncode == -9, process.stderr[-2000:]
    leftovers = [p.name for p in settings.lexical_dir.iterdir() if p.name.startswith("tmp-")]
    assert leftovers and _pointer(settings) == before  # nothing half-written was published

    fresh = open_index(settings, embedder=local_embedder)
    assert _ids(fresh, "Adli Leicester") == [ADLI.id]  # stale: rebuilt from the store
    assert _snapshot_chunk_ids(fresh) == _store_chunk_ids(fresh)
    assert not [p for p in settings.lexical_dir.iterdir() if p.name.startswith("tmp-")]
    # The next write starts from the rebuilt index and keeps it exact.
    Ingestor.for_index(fresh).forget(VOKES.id)
    assert _ids(fresh, "Vokes Wycombe") == []
    assert _snapshot_chunk_ids(fresh) == _store_chunk_ids(fresh)


def test_hosts_writing_to_one_server_at_once_end_with_complete_indexes(
    tmp_path: Path, local_embedder, request
) -> None:
    host, port = request.getfixturevalue("chroma_server")
    shared = {
        "chroma_host": host,
        "chroma_port": port,
        "collection": f"hosts-{tmp_path.name[-20:]}",
    }
    # Each host has its own data dir, so its own saved index; they share the server.
    one = open_index(
        make_settings(tmp_path / "one", revision_check_seconds=0, **shared), embedder=local_embedder
    )
    two = open_index(
        make_settings(tmp_path / "two", revision_check_seconds=0, **shared), embedder=local_embedder
    )
    with one.writer.updating():
        Ingestor.for_index(one).ingest([VOKES])
        Ingestor.for_index(two).ingest([ADLI])  # lands in the middle of host one's writes
    for index in (one, two):
        assert _ids(index, "Adli Leicester") == [ADLI.id]
        assert _ids(index, "Vokes Wycombe") == [VOKES.id]
        assert _snapshot_chunk_ids(index) == _store_chunk_ids(index)


def _rumour(tmp_path: Path, settings: Settings, *args: str) -> str:
    """Run the `rumour` CLI in its own process against `settings`' data dir and server."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "RUMOUR_DATA_DIR": str(settings.data_dir),
        "RUMOUR_CHROMA_HOST": str(settings.chroma_host),
        "RUMOUR_CHROMA_PORT": str(settings.chroma_port),
        "RUMOUR_COLLECTION": settings.collection,
        "RUMOUR_GENERATOR": "extractive",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_two_processes_see_each_others_changes(tmp_path: Path, local_embedder, request) -> None:
    host, port = request.getfixturevalue("chroma_server")
    settings = make_settings(
        tmp_path, chroma_host=host, chroma_port=port, collection=f"procs-{tmp_path.name[-20:]}"
    )
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES])
    assert _ids(index, "Vokes Wycombe") == [VOKES.id]

    jsonl = tmp_path / "adli.jsonl"
    jsonl.write_text(json.dumps({"id": ADLI.id, "title": ADLI.title, "text": ADLI.text}) + "\n")
    _rumour(tmp_path, settings, "ingest", "--jsonl", str(jsonl), "--json")
    published = _pointer(settings)
    assert _ids(index, "Adli Leicester") == [ADLI.id]  # this process loads what that one saved
    assert index.lexical.snapshot().directory == settings.lexical_dir / published["snapshot"]

    Ingestor.for_index(index).forget(VOKES.id)
    found = json.loads(_rumour(tmp_path, settings, "search", "Vokes Wycombe Adli", "--json"))
    assert [r["article_id"] for r in found["results"]] == [ADLI.id]


def test_the_snapshot_serves_chunks_and_term_statistics_like_the_store(
    settings: Settings, local_embedder
) -> None:
    index = open_index(settings, embedder=local_embedder)
    Ingestor.for_index(index).ingest([VOKES, ADLI])
    stored = {c.id: c for c in index.reader.all_chunks()}
    snapshot = open_index(settings, embedder=local_embedder).lexical.snapshot()
    unknown = "c-" + "0" * 32
    ids = [*stored, unknown, *stored]  # twice: the second time from the decoded cache
    assert snapshot.chunks(ids) == stored
    assert snapshot.chunks([unknown, "not-a-chunk-id" * 4]) == {}
    assert snapshot.document_frequency("leicester") == 1 and snapshot.document_frequency("zzz") == 0
    assert snapshot.name_likeness("stoke") == 1.0  # "Stoke striker", mid-sentence, capitalised
    assert snapshot.name_likeness("zzz") is None
    [(best, score)] = snapshot.search("Yacine Adli", 1)
    assert stored[best].article_id == ADLI.id and score > 0
