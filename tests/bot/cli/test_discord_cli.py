"""`rumour bot`: a missing, rejected or unusable token is a clear error and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import discord
import pytest

from bot.cli.main import main
from tests.support.helpers import free_port
from tests.support.httpserver import HTTPTestServer

TOKEN = "MTIz.fake-token.do-not-log-me"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(path))
    return path


def run_bot(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["bot"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_missing_token_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_bot(capsys)
    assert code == 1
    assert "DISCORD_TOKEN is not set" in output and "Traceback" not in output


def test_a_rejected_token_is_a_clear_error_and_never_logged(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with HTTPTestServer() as discord_api:  # Discord's REST API, answering as it does to a bad token
        discord_api.route(
            "/api/v10/users/@me",
            json.dumps({"message": "401: Unauthorized", "code": 0}),
            status=401,
            content_type="application/json",
        )
        monkeypatch.setattr(discord.http.Route, "BASE", discord_api.url("/api/v10"))
        monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
        code, output = run_bot(capsys)
        (request,) = discord_api.requests_to("/api/v10/users/@me")
    assert request.header("authorization") == f"Bot {TOKEN}"
    assert code == 1
    assert "Discord rejected DISCORD_TOKEN (invalid or revoked)" in output
    assert "Traceback" not in output
    assert TOKEN not in output and TOKEN not in caplog.text


def test_an_unreachable_discord_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{free_port()}/api/v10")
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    code, output = run_bot(capsys)
    assert code == 1
    assert "Could not reach Discord" in output and "Traceback" not in output
