"""Shared fixtures: a clean environment, the local embedder, real local servers, built services."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import Services
from ingest.core.settings import Settings
from ingest.fetching.fetch import Fetcher, FetchPolicy
from ingest.index.embedders import LocalEmbedder
from ingest.index.opening import open_index
from ingest.parsing.loaders import sample_articles_path
from ingest.sources.registry import SourceRegistry
from ingest.sources.runner import ingest_files
from ingest.sources.service import SourceService
from tests.support.helpers import MakeServices, free_port, make_settings
from tests.support.openai_server import OpenAIServer


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


@pytest.fixture(scope="module")
def make_services(
    tmp_path_factory: pytest.TempPathFactory, local_embedder: LocalEmbedder
) -> Iterator[MakeServices]:
    """Build Services with the local embedder, as the app does; all closed after the module.

    `make_services(root=None, *, samples=False, **settings)`: settings rooted in `root` (a fresh
    temp dir by default), and with `samples` the bundled sample articles already ingested.
    """
    built: list[Services] = []

    def build(root: Path | None = None, *, samples: bool = False, **overrides: object) -> Services:
        settings = make_settings(root or tmp_path_factory.mktemp("services"), **overrides)
        services = Services.build(settings, embedder=local_embedder)
        built.append(services)
        if samples:
            ingest_files(services.sources.ingestor, jsonl=[sample_articles_path()], sample=True)
        return services

    yield build
    for services in built:
        services.close()


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
