"""The Chroma store, embedded and against a real `chroma run` server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.core.errors import EmbedderMismatchError
from ingest.core.schema import Article
from ingest.core.settings import Settings
from ingest.index.opening import open_index
from ingest.pipeline.ingestor import Ingestor
from tests.support.helpers import REPO, MakeServices, make_settings

ARTICLES = [
    Article(
        id="https://example.org/kroos",
        title="Kroos acts as intermediary",
        text="Kicker claim Toni Kroos is acting as an intermediary for Real Madrid with Klopp.",
        source="Kicker",
        published="2026-01-30",
    ),
    Article(
        id="https://example.org/kane",
        title="Kane wants out",
        text="Harry Kane has told Tottenham he wants to leave at the end of the season.",
        source="Sky Sports",
        published="2021-05-18",
    ),
]


class RenamedEmbedder:
    """The real local embedder under another name, to open a store built with a different one."""

    def __init__(self, inner, name: str) -> None:
        self._inner = inner
        self.name = name
        self.dimension = inner.dimension

    def embed(self, texts):
        return self._inner.embed(texts)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request, tmp_path: Path) -> Settings:
    if request.param == "embedded":
        return make_settings(tmp_path)
    host, port = request.getfixturevalue("chroma_server")
    return make_settings(
        tmp_path, chroma_host=host, chroma_port=port, collection=f"t-{tmp_path.name[-20:]}"
    )


def test_store_round_trip(store_settings: Settings, local_embedder) -> None:
    index = open_index(store_settings, embedder=local_embedder)
    before = index.reader.revision()
    report = Ingestor.for_index(index).ingest(ARTICLES)
    assert report.new == 2
    assert index.reader.revision() != before
    assert index.reader.count_chunks() == 2
    vector = local_embedder.embed(["Kroos intermediary for Real Madrid"])[0]
    top = index.reader.nearest(vector, 2)
    assert top[0][1] > top[1][1]
    best = index.reader.get_chunks([top[0][0]])[top[0][0]]
    assert best.article_id == "https://example.org/kroos" and best.source == "Kicker"
    article = index.reader.get_article("https://example.org/kane")
    assert article is not None and article.text == ARTICLES[1].text
    assert {r.id for r in index.reader.list_articles()} == {a.id for a in ARTICLES}
    assert index.writer.delete_article("https://example.org/kane") == 1
    assert index.reader.get_article("https://example.org/kane") is None
    assert {c.article_id for c in index.reader.all_chunks()} == {"https://example.org/kroos"}


def test_opening_with_another_embedder_fails_clearly(
    store_settings: Settings, local_embedder
) -> None:
    Ingestor.for_index(open_index(store_settings, embedder=local_embedder)).ingest(ARTICLES[:1])
    other = RenamedEmbedder(local_embedder, "openai:text-embedding-3-small")
    with pytest.raises(EmbedderMismatchError) as info:
        open_index(store_settings, embedder=other)
    message = str(info.value)
    assert "local:all-MiniLM-L6-v2" in message and "openai:text-embedding-3-small" in message
    assert "re-ingest" in message.lower()
    # nothing stored was lost
    assert open_index(store_settings, embedder=local_embedder).reader.count_chunks() == 1


def test_unreachable_server_is_a_store_error(tmp_path: Path, local_embedder) -> None:
    from ingest.core.errors import StoreError
    from tests.support.helpers import free_port

    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(StoreError, match="Chroma server"):
        open_index(settings, embedder=local_embedder)


def test_the_answer_engines_get_only_the_read_side(make_services: MakeServices) -> None:
    services = make_services()
    held = (services.reader, services.retriever.store, services.asker.store)
    for store in held:
        assert not any(hasattr(store, write) for write in ("put_chunks", "delete_article"))
    assert hasattr(services.sources.store, "put_chunks")  # ingest writes through its own side
    ledgers = (services.ledger, services.asker.finder.ledger, services.summarizer.finder.ledger)
    for ledger in ledgers:
        assert not any(hasattr(ledger, write) for write in ("record", "remove", "sync"))
    assert hasattr(services.sources.ledger, "record")


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_processes_opening_a_fresh_store_at_once_all_succeed(
    request, tmp_path: Path, mode: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if mode == "server":
        host, port = request.getfixturevalue("chroma_server")
        env.update(RUMOUR_CHROMA_HOST=host, RUMOUR_CHROMA_PORT=str(port))
    for round_ in range(3):  # one round loses the race more often than not without the retry
        root = tmp_path / f"round-{round_}"
        go = root / "go"
        env.update(RUMOUR_DATA_DIR=str(root / "data"), RUMOUR_COLLECTION=f"race-{mode}-{round_}")
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.support.open_index_worker", str(go)],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        try:
            for worker in workers:
                assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
            root.mkdir(parents=True, exist_ok=True)
            go.touch()
            for worker in workers:
                out, err = worker.communicate(timeout=120)
                assert worker.returncode == 0, err[-1500:]
                assert out.strip() == "opened"
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.communicate()
