"""Several data dirs writing to one `chroma run` server: nobody's clean-up costs another's data.

Each `rumour ingest` runs as its own process with its own data dir. A proxy in front of the
server stops a writer at an exact point (chunks written, article records not yet), so the other
process acts in that very moment. And when chunks were lost all the same, running the same
input again puts them back: an article's record is not taken as proof that its chunks are there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.sources.service import SourceService
from tests.support.chroma_proxy import ChromaProxy
from tests.support.helpers import REPO
from tests.support.httpserver import (
    HTTPTestServer,
    RecordedRequest,
    Response,
    article_page,
    paragraphs,
    rss_feed,
)

ARTICLES = 70  # more than one 64-article batch
RSS = "application/rss+xml"


def records_upsert(path: str, body: bytes) -> bool:
    """An upsert of article records: the write that commits a batch's chunks."""
    return path.endswith("/upsert") and b'"text_hash"' in body


def corpus(prefix: str) -> str:
    lines = []
    for n in range(ARTICLES):
        text = " ".join(
            f"Sentence {k} of {prefix} rumour {n}: club {n % 9} are said to be tracking a "
            f"forward after scouting him {k + 2} times this season."
            for k in range(8)
        )
        lines.append(json.dumps({"id": f"{prefix}-{n:03d}", "title": f"{prefix} {n}", "text": text}))
    return "\n".join(lines) + "\n"


def ingest(tmp_path: Path, data: str, jsonl: Path, port: int, collection: str) -> subprocess.Popen:
    """`rumour ingest --jsonl FILE --json` in its own process, against the server at `port`."""
    env = {
        **os.environ,
        "RUMOUR_DATA_DIR": str(tmp_path / data),
        "RUMOUR_CHROMA_HOST": "127.0.0.1",
        "RUMOUR_CHROMA_PORT": str(port),
        "RUMOUR_COLLECTION": collection,
        "PYTHONPATH": str(REPO),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", "--jsonl", str(jsonl), "--json"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen) -> dict[str, Any]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out)


def stored(host: str, port: int, collection: str) -> tuple[dict[str, int], Counter[str]]:
    """Every article record's chunk count, and how many chunks each article really has."""
    client = chromadb.HttpClient(
        host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    records = client.get_collection(f"{collection}-articles").get(include=["metadatas"])
    counts = {
        i: int(m["chunks"])
        for i, m in zip(records["ids"], records["metadatas"], strict=True)
        if i != "__revision__"
    }
    chunks = client.get_collection(collection).get(include=["metadatas"])
    return counts, Counter(str(m["article_id"]) for m in chunks["metadatas"])


@pytest.mark.slow
def test_a_clean_up_never_deletes_what_another_process_is_writing(
    tmp_path: Path, chroma_server: tuple[str, int]
) -> None:
    host, port = chroma_server
    collection = f"shared-{tmp_path.name[-16:]}"
    (tmp_path / "a.jsonl").write_text(corpus("a"))
    (tmp_path / "b.jsonl").write_text(corpus("b"))

    # Process B is killed after writing its first batch of chunks and before their records.
    with ChromaProxy(host, port) as proxy:
        proxy.hold_first(records_upsert)
        killed = ingest(tmp_path, "data-b", tmp_path / "b.jsonl", proxy.port, collection)
        assert proxy.held.wait(timeout=300), killed.communicate()[1][-3000:]
        killed.send_signal(signal.SIGKILL)
        killed.communicate(timeout=60)
        proxy.drop()

    with ChromaProxy(host, port) as proxy:
        # Process A stops in the same place: its first 64 articles' chunks are written...
        proxy.hold_first(records_upsert)
        writer = ingest(tmp_path, "data-a", tmp_path / "a.jsonl", proxy.port, collection)
        assert proxy.held.wait(timeout=300), writer.communicate()[1][-3000:]
        # ...when B runs again, with its own data dir, and cleans up after its killed run.
        again = finished(ingest(tmp_path, "data-b", tmp_path / "b.jsonl", port, collection))
        assert again["articles"] == {"new": ARTICLES, "updated": 0, "unchanged": 0, "failed": 0}
        proxy.release()
        report = finished(writer)
    assert report["articles"] == {"new": ARTICLES, "updated": 0, "unchanged": 0, "failed": 0}

    records, chunks = stored(host, port, collection)
    assert len(records) == 2 * ARTICLES
    assert {i: chunks[i] for i in records} == records  # every article has all of its chunks
    assert set(chunks) == set(records)  # and no chunk is without its article
    assert sum(chunks[i] for i in records if i.startswith("a-")) == report["chunks"]["added"]


# A re-run repairs what was lost ----------------------------------------------------------------


def lose_chunks(service: SourceService, article_id: str) -> int:
    """What another process's clean-up did to an article: its chunks gone, its record kept."""
    ids = service.store.chunk_ids(article_id)
    service.store.delete_chunks(ids)
    return len(ids)


def assert_complete(service: SourceService) -> None:
    records = service.store.list_articles()
    chunks = Counter(c.article_id for c in service.store.all_chunks())
    assert {r.id: r.chunks for r in records} == {r.id: chunks[r.id] for r in records}


def test_a_rerun_restores_the_chunks_an_article_lost(
    tmp_path: Path, make_service: Callable[..., SourceService]
) -> None:
    path = tmp_path / "rumours.jsonl"
    path.write_text(corpus("r"))
    service = make_service()
    assert service.ingest(jsonl=[path]).new == ARTICLES
    lost = lose_chunks(service, "r-005") + lose_chunks(service, "r-066")
    again = service.ingest(jsonl=[path])
    assert again.to_json()["articles"] == {
        "new": 0,
        "updated": 2,
        "unchanged": ARTICLES - 2,
        "failed": 0,
    }
    assert again.embeddings == again.chunks_added == lost
    assert sorted(n.split(":")[0] for n in again.notes) == ["r-005", "r-066"]
    assert_complete(service)
    assert service.ingest(jsonl=[path]).unchanged == ARTICLES


def test_a_refresh_restores_a_page_that_lost_its_chunks_despite_a_304(
    make_service: Callable[..., SourceService],
) -> None:
    page = article_page("Rice signs", paragraphs("Rice")).encode()

    def conditional(request: RecordedRequest) -> Response:
        if request.header("if-none-match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body=page, headers={"ETag": '"v1"'})

    with HTTPTestServer() as server:
        server.route("/etag", handler=conditional)
        service = make_service(server)
        service.add(server.url("/etag"))
        lost = lose_chunks(service, server.url("/etag"))
        server.clear()
        report = service.refresh()
        assert (report.updated, report.chunks_added) == (1, lost)
        assert [r.header("if-none-match") for r in server.requests_to("/etag")] == [None]
    assert_complete(service)


def test_a_feed_refresh_restores_an_entry_that_lost_its_chunks_despite_a_304(
    make_service: Callable[..., SourceService],
) -> None:
    with HTTPTestServer() as server:
        server.route("/a", article_page("Story A", paragraphs("A")))
        server.route("/b", article_page("Story B", paragraphs("B")))
        links = [{"title": n, "link": server.url(f"/{n}")} for n in ("a", "b")]
        feed = rss_feed("F", links).encode()

        def conditional(request: RecordedRequest) -> Response:
            if request.header("if-none-match") == '"f1"':
                return Response(status=304, headers={"ETag": '"f1"'})
            return Response(body=feed, headers={"ETag": '"f1"'}, content_type=RSS)

        server.route("/feed.xml", handler=conditional)
        service = make_service(server)
        assert service.add(server.url("/feed.xml"), feed=True).new == 2
        lost = lose_chunks(service, server.url("/b"))
        server.clear()
        report = service.refresh_feeds()
        assert (report.updated, report.unchanged, report.chunks_added) == (1, 1, lost)
        assert [r.path for r in server.requests] == ["/feed.xml", "/b"]
    assert_complete(service)
