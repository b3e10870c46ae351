"""Token counting works with no network and an empty home and cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.helpers import REPO

SCRIPT = """
import tiktoken
from ingest.core.text.tokens import count_tokens, get_encoding
assert get_encoding("gpt-4o-mini").name == "o200k_base"
assert get_encoding("gpt-4").name == "cl100k_base"
assert get_encoding("llama3.1:8b").name == "o200k_base"
assert tiktoken.encoding_for_model("gpt-4o-mini").name == "o200k_base"
print(count_tokens("Kroos could become Klopp's assistant", "gpt-4o-mini"))
"""


def _run(tmp_path: Path, prefix: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path / "home"),
        "TIKTOKEN_CACHE_DIR": str(tmp_path / "empty-cache"),
        "PYTHONPATH": str(REPO),
    }
    (tmp_path / "home").mkdir()
    return subprocess.run(
        [*prefix, sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_tokens_offline_with_empty_home_and_cache(tmp_path: Path) -> None:
    prefix: list[str] = []
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        prefix = [unshare, "-n"]  # no network namespace at all
    result = _run(tmp_path, prefix)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) == 8
    if not prefix:
        pytest.skip("ran with the network present (unshare -n is not permitted here)")
