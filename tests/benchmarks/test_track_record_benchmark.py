"""The track-record benchmark runs on the shared Transfermarkt snippets, and skips without them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import track_record
from tests.support.helpers import shared_file


def test_auc_and_calibration_on_known_scores() -> None:
    assert track_record.auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert track_record.auc([0.5, 0.5], [False, True]) == 0.5  # ties count half
    assert math.isnan(track_record.auc([0.2], [True]))
    scores = track_record.calibration([0.9, 0.9, 0.1, 0.1], [True, True, False, False])
    assert scores["brier"] == pytest.approx(0.01) and scores["ece"] == pytest.approx(0.1)


@pytest.mark.corpus
def test_the_benchmark_learns_before_the_cutoff_and_scores_after_it() -> None:
    path = shared_file(f"corpus/{track_record.FILE}")
    result = track_record.evaluate(path, resamples=50)
    assert result["train"] > 500 and result["test"] > 300
    rows = {(r["uses"], r["predictor"]): r for r in result["rows"]}
    predictors = {
        "base rate",
        "every outlet alike",
        "track record learnt from outcome labels",
        "track record learnt from the ledger's own resolution",
    }
    assert set(rows) == {(uses, p) for uses in ("direction", "stage") for p in predictors}
    assert rows[("stage", "base rate")]["auc"] == 0.5  # one score for every claim
    for row in rows.values():
        assert 0 <= row["auc"] <= 1 and 0 <= row["ece"] <= 1 and 0 < row["brier"] < 1
        if row["auc_gain_ci"] is not None:
            low, high = row["auc_gain_ci"]
            assert low <= high
    assert rows[("stage", "every outlet alike")]["auc"] > 0.6  # the stage tells a lot
    assert result["resolution_agreement"]["moves_checked"] > 100
    assert result["records"] and result["records"][0]["resolved"] >= result["records"][-1]["resolved"]


def test_the_benchmark_skips_cleanly_without_the_corpus(tmp_path: Path, capsys) -> None:
    assert track_record.main([str(tmp_path)]) == 0
    assert "not found; skipped" in capsys.readouterr().out
