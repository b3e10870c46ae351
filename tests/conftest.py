"""Shared fixtures: settings in a temp dir, the local embedder, real local servers, the corpus."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from ingest.core.settings import Settings
from ingest.fetching.fetch import Fetcher, FetchPolicy
from ingest.index.embedders import LocalEmbedder
from ingest.index.opening import open_index
from ingest.sources.registry import SourceRegistry
from ingest.sources.service import SourceService
from tests.openai_server import OpenAIServer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
KROOS_QUESTION = "Is Kroos joining Klopp's staff?"


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings that ignore any .env and environment, rooted in a temp dir."""
    values: dict[str, object] = {"data_dir": tmp_path / "data", "generator": "extractive"}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's .env, keys or Discord token."""
    monkeypatch.chdir(tmp_path)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith("RUMOUR_"):
            monkeypatch.delenv(name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Offline settings in a fresh data dir."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def local_embedder() -> LocalEmbedder:
    """The real ONNX embedder, loaded once per test session."""
    return LocalEmbedder()


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    """A real OpenAI-compatible HTTP server on 127.0.0.1."""
    with OpenAIServer() as server:
        yield server


@pytest.fixture
def make_service(
    tmp_path: Path, local_embedder: LocalEmbedder
) -> Iterator[Callable[..., SourceService]]:
    """Build a SourceService whose allowlist holds the given test servers or host[:port] names."""
    fetchers: list[Fetcher] = []

    def build(*allowed: object, embedder: object = None, **overrides: object) -> SourceService:
        allowlist = [a if isinstance(a, str) else a.netloc for a in allowed]  # type: ignore[attr-defined]
        options: dict[str, object] = {"fetch_allowlist": allowlist, "fetch_timeout": 2.0}
        options.update(overrides)
        settings = make_settings(tmp_path, **options)
        fetchers.append(Fetcher(FetchPolicy.from_settings(settings)))
        index = open_index(settings, embedder=embedder or local_embedder)  # type: ignore[arg-type]
        registry = SourceRegistry.in_dir(settings.data_dir)
        return SourceService(index, fetchers[-1], registry, settings)

    yield build
    for fetcher in fetchers:
        fetcher.close()


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real `chroma run` on a free loopback port, for the client/server mode."""
    executable = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(executable).exists():
        pytest.skip("the chroma CLI is not installed")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    process = subprocess.Popen(
        [executable, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not start: {(path / 'server.log').read_text()}")
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """All records of a JSON Lines file."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
