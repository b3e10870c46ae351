"""The `rumour` CLI end to end: documented JSON shapes, exit codes, and honest answers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.support.helpers import KROOS_QUESTION, REPO, read_jsonl, shared_file

HEDGES = re.compile(r"\b(could|reportedly|claim\w*|according to|said to|reports?)\b", re.I)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("RUMOUR_DATA_DIR", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if "--json" in argv else {"text": out}


def test_ingest_json_shape_and_exit_code(data_dir: Path, capsys, tmp_path: Path) -> None:
    code, report = run(capsys, "ingest", "--samples", "--json")
    assert code == 0
    assert report == {
        "articles": {"new": 6, "updated": 0, "unchanged": 0, "failed": 0},
        "chunks": {"added": report["chunks"]["added"], "removed": 0},
        "embeddings": report["chunks"]["added"],
        "claims": {"articles_read": 6, "found": report["claims"]["found"]},
        "errors": [],
    }
    assert report["claims"]["found"] > 0
    _, again = run(capsys, "ingest", "--samples", "--json")
    assert again["claims"] == {"articles_read": 0, "found": 0}  # nothing changed, nothing read
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\n')
    code, report = run(capsys, "ingest", "--jsonl", str(bad), "--json")
    assert code == 1
    assert report["articles"]["failed"] == 1
    assert report["errors"] == [
        {"source": f"{bad}:1", "error": "missing or empty required field(s): text"}
    ]


def test_ask_json_shape_keeps_the_hedge_and_quotes_verbatim(data_dir: Path, capsys) -> None:
    run(capsys, "ingest", "--samples", "--json")
    code, answer = run(capsys, "ask", KROOS_QUESTION, "--json")
    assert code == 0
    assert set(answer) == {"question", "answer", "verdict", "citations", "generator"}
    assert answer["question"] == KROOS_QUESTION
    assert answer["verdict"] == "reported"
    assert answer["generator"] == "extractive"
    assert answer["answer"].splitlines()[0].lower().startswith("**reported")
    assert "[1]" in answer["answer"]
    first = answer["citations"][0]
    assert set(first) == {"n", "article_id", "title", "source", "url", "published", "quote"}
    assert first["n"] == 1 and "klopp-kroos" in first["article_id"]
    assert HEDGES.search(answer["answer"]), answer["answer"]
    samples = {r["id"]: r for r in read_jsonl(REPO / "ingest/samples/articles.jsonl")}
    for citation in answer["citations"]:
        assert citation["quote"] in samples[citation["article_id"]]["text"]
    for quoted in re.findall(r'"([^"]+)"', answer["answer"]):
        assert any(quoted in s["text"] for s in samples.values()), quoted


def test_ask_with_nothing_relevant_says_so(data_dir: Path, capsys) -> None:
    run(capsys, "ingest", "--samples", "--json")
    code, answer = run(capsys, "ask", "Is Lionel Messi joining Chelsea?", "--json")
    assert code == 0
    assert answer["verdict"] == "unknown"
    assert answer["citations"] == []
    assert "nothing" in answer["answer"].lower()


def test_ask_on_an_empty_index_is_unknown(data_dir: Path, capsys) -> None:
    code, answer = run(capsys, "ask", KROOS_QUESTION, "--json")
    assert (code, answer["verdict"], answer["citations"]) == (0, "unknown", [])


def test_search_json_shape(data_dir: Path, capsys) -> None:
    run(capsys, "ingest", "--samples", "--json")
    code, result = run(capsys, "search", "Kroos intermediary for Real Madrid", "--k", "3", "--json")
    assert code == 0
    assert result["query"] == "Kroos intermediary for Real Madrid"
    assert [r["rank"] for r in result["results"]] == [1, 2, 3]
    assert set(result["results"][0]) == {
        "rank",
        "article_id",
        "chunk_id",
        "title",
        "source",
        "url",
        "published",
        "text",
        "score",
    }
    assert "klopp-kroos" in result["results"][0]["article_id"]
    scores = [r["score"] for r in result["results"]]
    assert scores == sorted(scores, reverse=True)


def test_seed_article_is_the_top_search_result(data_dir: Path, capsys) -> None:
    seed = shared_file("corpus/seed.jsonl")
    run(capsys, "ingest", "--jsonl", str(seed), "--json")
    _, result = run(capsys, "search", "Kroos intermediary for Real Madrid", "--json")
    assert result["results"][0]["article_id"] == "seed-klopp-kroos"


def test_human_output_and_errors(data_dir: Path, capsys) -> None:
    assert main(["ingest", "--samples"]) == 0
    assert "6 new" in capsys.readouterr().out
    assert main(["ask", KROOS_QUESTION]) == 0
    out = capsys.readouterr().out
    assert "REPORTED" in out and "[1]" in out
    assert main(["ask", "   "]) == 1
    assert "empty" in capsys.readouterr().err
    assert main(["sources"]) == 0
    assert "jsonl" in capsys.readouterr().out


def test_invalid_setting_stops_start_up(data_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RUMOUR_EMBEDDER", "word2vec")
    assert main(["sources"]) == 2
    assert "RUMOUR_EMBEDDER" in capsys.readouterr().err


def test_human_output_survives_markup_in_urls(data_dir: Path, capsys, tmp_path: Path) -> None:
    row = {
        "title": "Kroos latest",
        "text": "Kicker claim Toni Kroos could become Jurgen Klopp's assistant at Real Madrid.",
        "source": "Kicker [de]",
        "url": "https://example.org/story?tags[]=transfers&q=[1]",
    }
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps(row) + "\n")
    assert main(["ingest", "--jsonl", str(path)]) == 0
    capsys.readouterr()
    assert main(["ask", "Is Kroos joining Klopp's staff?"]) == 0
    out = capsys.readouterr().out
    assert "tags[]=transfers" in out and "Kicker [de]" in out


def test_each_ingest_error_is_printed_once_and_whole(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "Tab", "text": "a\tb"}\n{"title": "x"}\n')
    env = {**os.environ, "RUMOUR_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(  # a process of its own: the log goes where a user's terminal shows it
        [sys.executable, "-m", "bot.cli", "ingest", "--jsonl", str(bad)],
        cwd=tmp_path,
        env={**env, "COLUMNS": "300"},  # no wrapped lines
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    printed = done.stdout + done.stderr
    assert printed.count("Invalid control character at column 28") == 1, printed
    assert printed.count("missing or empty required field(s): text") == 1, printed


def test_a_bad_allowlist_entry_is_printed_as_written(
    data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUMOUR_FETCH_ALLOWLIST", "intranet:b:c")
    assert main(["sources"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "error: RUMOUR_FETCH_ALLOWLIST: bad entry 'intranet:b:c'; each entry is host or" in err


_HEAVY = (
    "bm25s",
    "chromadb",
    "discord",
    "httpx",
    "matplotlib",
    "numpy",
    "onnxruntime",
    "openai",
    "pydantic",
)


@pytest.mark.parametrize(
    ("argv", "heavy"),
    [
        (["--help"], _HEAVY),  # parsing the command line imports nothing heavy
        (["sources", "--json"], ("onnxruntime", "openai", "discord")),  # nothing is embedded
        (["ask", KROOS_QUESTION, "--json"], ("openai", "trafilatura", "discord", "matplotlib")),
    ],
)
def test_each_command_imports_only_what_it_needs(
    tmp_path: Path, argv: list[str], heavy: tuple[str, ...]
) -> None:
    script = (
        "import sys\n"
        "from bot.cli.main import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\nloaded:', ' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "RUMOUR_DATA_DIR": str(tmp_path / "data")}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(done.stdout.rsplit("loaded:", 1)[1].split())
    assert not [name for name in heavy if name in loaded]


@pytest.mark.parametrize("argv", [["summary", "--days", "abc"], ["search", "x", "--k", "abc"]])
def test_a_number_option_says_it_wants_a_whole_number(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "expected a whole number, got 'abc'" in err and "_days" not in err
