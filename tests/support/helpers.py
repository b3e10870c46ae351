"""Plain helpers the tests import: settings in a temp dir, free ports, the shared corpora."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ingest.core.settings import Settings

if TYPE_CHECKING:
    from bot.app import Services

MakeServices = Callable[..., "Services"]  # the make_services fixture
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
KROOS_QUESTION = "Is Kroos joining Klopp's staff?"


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings that ignore any .env and environment, rooted in a temp dir."""
    values: dict[str, object] = {"data_dir": tmp_path / "data", "generator": "extractive"}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
