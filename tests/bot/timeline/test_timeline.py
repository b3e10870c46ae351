"""/timeline's chart: its data (one marker per claim, the endings), the PNG, the text fallback."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from bot.app import Services
from bot.cli.main import main
from bot.timeline.chart import LEVELS
from bot.timeline.render import CLAIMS_GID, ENDINGS_GID, HEIGHT_PX, WIDTH_PX, draw
from ingest.core.errors import RumourError
from tests.support.helpers import MakeServices
from tests.support.series import SERIES, ingest_series, write_jsonl

LONE = {
    "id": "lone",
    "title": "Celtic watch Quillon",
    "text": "Celtic are interested in Hibernian winger Arno Quillon.",
    "source": "Daily Record",
    "published": "2021-06-03",
}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def services(make_services: MakeServices, tmp_path_factory: pytest.TempPathFactory) -> Services:
    root = tmp_path_factory.mktemp("timeline")
    built = make_services(root)
    ingest_series(built, root, [*SERIES, LONE])
    return built


def test_the_chart_data_has_one_point_per_claim_and_the_ending(services: Services) -> None:
    timeline = services.timelines.timeline("ben white")  # any case: names resolve as in /ask
    claims = services.ledger.claims_about(["ben white"])
    assert timeline.person == "Ben White"
    assert len(timeline.points) == len(claims) == 5
    assert [p.stage for p in timeline.points] == [
        "interest",
        "interest",
        "bid",
        "completed",
        "completed",
    ]
    assert timeline.moves == ["to Arsenal", "to Leeds United"]
    assert [timeline.moves[p.move] for p in timeline.points][:3] == [
        "to Arsenal",
        "to Leeds United",
        "to Arsenal",
    ]
    assert [LEVELS[p.level] for p in timeline.points][:3] == ["interest", "interest", "bid"]
    [ending] = timeline.endings
    assert (timeline.moves[ending.move], ending.happened, ending.stage) == (
        "to Arsenal",
        True,
        "completed",
    )
    assert timeline.outlets == ["Sky Sports", "Daily Mirror", "Daily Mail", "BBC Sport"]
    assert [p.n for p in timeline.points] == [1, 2, 3, 4, 5]
    assert len(timeline.citations) == 5


def test_the_png_has_its_size_and_a_marker_for_every_claim(services: Services) -> None:
    timeline = services.timelines.timeline("Ben White")
    figure = draw(timeline)
    claims = [
        c
        for ax in figure.axes
        for c in ax.collections
        if (c.get_gid() or "").startswith(CLAIMS_GID)
    ]
    assert sum(len(c.get_offsets()) for c in claims) == len(timeline.points) == 5
    by_outlet = {c.get_gid().removeprefix(CLAIMS_GID) for c in claims}
    assert by_outlet == set(timeline.outlets)  # coloured by outlet
    [endings] = [c for ax in figure.axes for c in ax.collections if c.get_gid() == ENDINGS_GID]
    assert len(endings.get_offsets()) == 1
    data = services.timelines.chart(timeline)
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX) == (1000, 560)
    assert len(data) > 10_000


def test_a_single_claim_gets_a_text_line_not_a_chart(services: Services) -> None:
    timeline = services.timelines.timeline("Quillon")
    assert not timeline.charted
    assert timeline.only_claim() == (
        "Only one claim about Arno Quillon so far: Daily Record, 2021-06-03, interest "
        "(to Celtic): “Celtic are interested in Hibernian winger Arno Quillon.” [1]"
    )
    with pytest.raises(RumourError, match="only one dated claim"):
        services.timelines.chart(timeline)


def test_an_unknown_person_is_a_clear_error(services: Services) -> None:
    with pytest.raises(RumourError, match="never mention Zlatan Haaland"):
        services.timelines.timeline("Zlatan Haaland")


def test_rumour_timeline_writes_the_chart(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(tmp_path / "data"))
    feed = write_jsonl(tmp_path / "series.jsonl", [*SERIES, LONE])
    assert main(["ingest", "--jsonl", str(feed), "--json"]) == 0
    capsys.readouterr()
    out = tmp_path / "chart.png"
    assert main(["timeline", "Ben White", "--out", str(out), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["chart"] == str(out) and len(shown["points"]) == 5
    assert png_size(out.read_bytes()) == (1000, 560)
    assert main(["timeline", "Quillon", "--out", str(tmp_path / "none.png")]) == 0
    assert "Only one claim about Arno Quillon" in capsys.readouterr().out
    assert not (tmp_path / "none.png").exists()
    assert main(["records", "--json"]) == 0
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)["records"]}
    assert (records["Sky Sports"]["resolved"], records["Sky Sports"]["right"]) == (1, 1)
