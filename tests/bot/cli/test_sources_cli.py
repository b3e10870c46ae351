"""`rumour ingest/refresh/forget/sources` end to end, progress output, and the data-dir lock."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bot.cli.index import cmd_ingest
from bot.cli.main import main
from ingest.core.errors import BusyError
from ingest.sources.locking import WAITING, DataDirLock
from ingest.sources.service import Step
from tests.support.helpers import REPO, MakeServices
from tests.support.httpserver import HTTPTestServer, article_page, paragraphs, rss_feed

SOURCE_FIELDS = {"source", "kind", "articles", "chunks", "last_fetched", "status", "last_error"}


@pytest.fixture
def server() -> Iterator[HTTPTestServer]:
    with HTTPTestServer() as running:
        for name in ("a", "b", "c"):
            running.route(f"/{name}", article_page(f"Story {name}", paragraphs(name.upper())))
        items = [{"title": n, "link": running.url(f"/{n}")} for n in ("b", "c")]
        running.route("/feed.xml", rss_feed("F", items), content_type="application/rss+xml")
        yield running


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: HTTPTestServer) -> Path:
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RUMOUR_FETCH_ALLOWLIST", server.netloc)
    return tmp_path / "data"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out)  # nothing but the JSON on stdout


def write_jsonl(path: Path, count: int, *, prefix: str = "j") -> Path:
    rows = [
        {"id": f"{prefix}{n}", "title": f"Rumour {n}", "text": f"Club {n} are tracking a forward."}
        for n in range(count)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_json_commands_and_exit_codes(
    data_dir: Path, server: HTTPTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run_json(capsys, "ingest", server.url("/a"), "--feed", server.url("/feed.xml"))
    assert code == 0
    assert report["articles"] == {"new": 3, "updated": 0, "unchanged": 0, "failed": 0}
    assert report["embeddings"] == report["chunks"]["added"] > 0 and report["errors"] == []
    code, listing = run_json(capsys, "sources")
    assert code == 0
    assert [(r["source"], r["kind"], r["articles"], r["status"]) for r in listing["sources"]] == [
        (server.url("/a"), "url", 1, "ok"),
        (server.url("/feed.xml"), "feed", 2, "ok"),
    ]
    assert all(set(row) == SOURCE_FIELDS for row in listing["sources"])
    code, again = run_json(capsys, "refresh")
    assert code == 0
    assert again == {
        "articles": {"new": 0, "updated": 0, "unchanged": 3, "failed": 0},
        "chunks": {"added": 0, "removed": 0},
        "embeddings": 0,
        "claims": {"articles_read": 0, "found": 0},
        "errors": [],
    }
    code, gone = run_json(capsys, "forget", server.url("/feed.xml"))
    assert code == 0
    assert gone["source"] == server.url("/feed.xml") and gone["articles"] == 2
    assert gone["chunks"] == listing["sources"][1]["chunks"] > 0
    code, failed = run_json(capsys, "ingest", server.url("/missing"), server.url("/b"))
    assert code == 1  # one source failed, the other went in
    assert failed["articles"]["new"] == 1
    assert failed["errors"] == [{"source": server.url("/missing"), "error": "HTTP 404 Not Found"}]


def test_human_output_and_not_found(
    data_dir: Path, server: HTTPTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", server.url("/a")]) == 0
    assert "1 new" in capsys.readouterr().out
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    assert server.url("/a") in out and "1 articles" in out and "ok" in out
    assert main(["refresh", server.url("/nope")]) == 1
    assert "No source matches" in capsys.readouterr().err
    assert main(["forget", "nothing-like-this"]) == 1
    assert "Nothing to forget" in capsys.readouterr().err
    assert main(["forget", server.url("/a")]) == 0
    assert "Forgot" in capsys.readouterr().out
    assert main(["ingest"]) == 1
    assert "Nothing to ingest" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(
    tmp_path: Path, server: HTTPTestServer, make_services: MakeServices
) -> None:
    services = make_services(tmp_path, fetch_allowlist=[server.netloc])
    args = argparse.Namespace(
        targets=[server.url("/a"), server.url("/b")], jsonl=[], feed=[], samples=False, json=False
    )
    try:
        terminal = io.StringIO()
        cmd_ingest(services, args, Console(file=terminal, force_terminal=True, width=100))
        assert "2/2" in terminal.getvalue() and "\x1b[" in terminal.getvalue()
        args.targets = [server.url("/a"), server.url("/c")]
        piped = io.StringIO()
        cmd_ingest(services, args, Console(file=piped, force_terminal=False, width=100))
        assert piped.getvalue().splitlines() == [
            "Articles: 1 new, 0 updated, 1 unchanged, 0 failed. Chunks: "
            f"{len(services.sources.store.chunk_ids(server.url('/c')))} added, 0 removed. "
            f"Embeddings: {len(services.sources.store.chunk_ids(server.url('/c')))}.",
            f"  {server.url('/a')}: 0 new, 0 updated, 1 unchanged, 0 failed",  # a line per source
            f"  {server.url('/c')}: 1 new, 0 updated, 0 unchanged, 0 failed",
        ]
    finally:
        services.close()


def test_a_json_lines_ingest_shows_articles_of_a_known_total_and_a_line_per_source(
    tmp_path: Path, make_services: MakeServices
) -> None:
    services = make_services(tmp_path)
    first = write_jsonl(tmp_path / "first.jsonl", 70)  # more than one batch of 64
    second = write_jsonl(tmp_path / "second.jsonl", 3, prefix="k")
    steps: list[Step] = []
    report = services.sources.ingest(jsonl=[first, second], progress=steps.append)
    assert report.new == 73
    assert {s.articles_total for s in steps} == {73}  # both files counted before reading
    stored = [s.articles_done for s in steps]
    assert stored == sorted(stored) and 64 in stored and stored[-1] == 73
    assert [(s.sources_done, s.sources_total) for s in steps][-1] == (2, 2)
    assert [(t.source, t.new) for t in report.sources] == [(str(first), 70), (str(second), 3)]

    args = argparse.Namespace(targets=[], jsonl=[first, second], feed=[], samples=False, json=False)
    terminal = io.StringIO()
    cmd_ingest(services, args, Console(file=terminal, force_terminal=True, width=120))
    out = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", terminal.getvalue())  # without the colours
    assert "[2/2] done" in out and "73/73 articles" in out and " left " in out  # the bar's end
    assert "  first.jsonl: 0 new, 0 updated, 70 unchanged, 0 failed" in out
    assert "  second.jsonl: 0 new, 0 updated, 3 unchanged, 0 failed" in out
    services.close()


def test_a_second_writer_waits_or_is_told_busy(
    tmp_path: Path, make_services: MakeServices
) -> None:
    services = make_services(tmp_path)
    settings = services.settings
    path = write_jsonl(tmp_path / "r.jsonl", 2)
    told: list[str] = []
    services.sources.on_wait = told.append
    results: list[object] = []
    try:
        with DataDirLock(settings.data_dir).hold():
            with pytest.raises(BusyError, match="Another ingest or refresh is running"):
                services.sources.ingest(jsonl=[path], wait=False)
            worker = threading.Thread(
                target=lambda: results.append(services.sources.ingest(jsonl=[path]))
            )
            worker.start()
            deadline = time.monotonic() + 60
            while not told and time.monotonic() < deadline:
                time.sleep(0.02)
            assert told and told[0].startswith(WAITING)
            assert results == [] and services.reader.count_chunks() == 0
        worker.join(timeout=60)
        [report] = results
        assert getattr(report, "new", None) == 2
    finally:
        services.close()


def test_the_cli_says_it_is_waiting_for_another_ingest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = write_jsonl(tmp_path / "r.jsonl", 2)
    env = {**os.environ, "RUMOUR_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    stderr_path = tmp_path / "stderr.txt"
    with DataDirLock(data).hold(), stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "ingest", "--jsonl", str(path), "--json"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        deadline = time.monotonic() + 120
        while WAITING not in stderr_path.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, stderr_path.read_text()
            time.sleep(0.05)
        assert WAITING in stderr_path.read_text()
        assert process.poll() is None  # still blocked on the lock
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0, stderr_path.read_text()
    assert json.loads(out)["articles"]["new"] == 2
