"""Settings: defaults, environment names, and errors that name the setting."""

from __future__ import annotations

import re

import pytest

from ingest.core.errors import ConfigError
from ingest.core.settings import load_settings
from tests.support.helpers import REPO


def test_defaults_are_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(_env_file=None)
    assert settings.embedder == "local"
    assert settings.generator_name == "extractive"
    assert settings.embedding_model_name == "all-MiniLM-L6-v2"
    assert settings.chroma_host is None
    assert str(settings.data_dir) == "data"


def test_auto_generator_switches_to_openai_with_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert load_settings(_env_file=None).generator_name == "openai"


def test_auto_generator_switches_to_openai_with_a_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    settings = load_settings(_env_file=None)
    assert settings.generator_name == "openai"
    assert settings.openai_base_url == "http://127.0.0.1:11434/v1"


def test_prefixed_and_third_party_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUMOUR_CHROMA_HOST", "chroma.internal")
    monkeypatch.setenv("RUMOUR_CHROMA_PORT", "9000")
    monkeypatch.setenv("RUMOUR_EMBEDDER", "openai")
    monkeypatch.setenv("RUMOUR_FETCH_ALLOWLIST", "127.0.0.1:8000, Feeds.Example.com")
    monkeypatch.setenv("RUMOUR_DISCORD_GUILDS", "123,456")
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token")
    settings = load_settings(_env_file=None)
    assert (settings.chroma_host, settings.chroma_port) == ("chroma.internal", 9000)
    assert settings.embedding_model_name == "text-embedding-3-small"
    assert settings.fetch_allowlist == ["127.0.0.1:8000", "Feeds.Example.com"]  # as written
    assert settings.discord_guilds == [123, 456]
    assert settings.discord_token is not None
    assert "secret-token" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("RUMOUR_EMBEDDER", "bert", "RUMOUR_EMBEDDER"),
        ("RUMOUR_GENERATOR", "gpt", "RUMOUR_GENERATOR"),
        ("RUMOUR_CHROMA_PORT", "99999", "RUMOUR_CHROMA_PORT"),
        ("RUMOUR_CHUNK_TOKENS", "abc", "RUMOUR_CHUNK_TOKENS"),
        ("OPENAI_BASE_URL", "localhost:11434", "OPENAI_BASE_URL"),
        ("RUMOUR_DISCORD_GUILDS", "123,abc", "RUMOUR_DISCORD_GUILDS"),
    ],
)
def test_invalid_values_name_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings(_env_file=None)
    assert named in str(info.value)


def test_env_file_is_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / "custom.env"
    env.write_text("RUMOUR_TOP_K=3\nRUMOUR_CHAT_MODEL=llama3.1\n")
    settings = load_settings(_env_file=env)
    assert settings.top_k == 3
    assert settings.chat_model == "llama3.1"


def test_env_example_lists_every_setting() -> None:

    from ingest.core.settings import Settings, _env_name

    example = (REPO / ".env.example").read_text()
    named = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    expected = {_env_name(field) for field in Settings.model_fields}
    assert expected <= named, f"missing from .env.example: {sorted(expected - named)}"
    assert named <= expected, f".env.example names unknown settings: {sorted(named - expected)}"
    setting = re.compile(r"^#? ?[A-Z][A-Z0-9_]+=")
    lines = example.splitlines()
    for i, line in enumerate(lines):
        if setting.match(line):
            j = i - 1
            while j >= 0 and setting.match(lines[j]):  # settings may share one comment
                j -= 1
            assert j >= 0 and lines[j].startswith("# "), f"{line!r} has no comment above it"


def test_chunk_settings_are_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.core.settings import ChunkConfig, load_settings

    checks: list[ChunkConfig] = []
    check = ChunkConfig.__post_init__

    def counted(config: ChunkConfig) -> None:
        checks.append(config)
        check(config)

    monkeypatch.setattr(ChunkConfig, "__post_init__", counted)
    settings = load_settings(_env_file=None, chunk_tokens=64, chunk_overlap_tokens=8)
    assert settings.chunking is settings.chunking
    assert (settings.chunking.max_tokens, settings.chunking.overlap_tokens) == (64, 8)
    assert len(checks) == 1  # when the settings were validated, and never again


def test_an_empty_data_dir_is_an_error_not_the_current_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUMOUR_DATA_DIR", "")
    with pytest.raises(ConfigError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value) == (
        "Invalid configuration: RUMOUR_DATA_DIR: must not be empty (unset it to use ./data)"
    )
