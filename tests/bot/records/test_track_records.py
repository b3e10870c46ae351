"""Claims resolved by how their move ended, and the track records learnt from them.

The ledger is real: a small series of articles about one move (interest, a bid, a rival's
interest, then the completion, then a late echo) is ingested as JSON Lines into a fresh data dir.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from bot.app import Services
from bot.records.book import Kind, Prior, build_book
from bot.records.resolution import resolve
from bot.records.saved import SavedUnits
from bot.records.service import TrackRecords
from bot.records.tiers import parse_tiers
from ingest.claims.gazetteer import default_gazetteer
from ingest.core.errors import ConfigError
from tests.support.helpers import MakeServices
from tests.support.series import ingest_series


@pytest.fixture
def services(make_services: MakeServices, tmp_path: Path) -> Services:
    built = make_services(tmp_path)
    ingest_series(built, tmp_path)
    return built


def test_earlier_claims_are_resolved_by_the_completion(services: Services) -> None:
    calls = resolve(services.ledger.all_claims(), default_gazetteer())
    by_article = {c.stored.claim.article_id: c for c in calls}
    # The completion settles the move; the echo after it is no prediction.
    assert set(by_article) == {"white-interest", "white-bid", "white-leeds"}
    interest, bid, leeds = (by_article[k] for k in ("white-interest", "white-bid", "white-leeds"))
    assert (interest.outlet, interest.predicted, interest.right) == ("Sky Sports", True, True)
    assert (bid.outlet, bid.right) == ("Daily Mail", True)
    assert (interest.days_ahead, bid.days_ahead) == (59.0, 40.0)
    # Leeds never got him: he completed a move to Arsenal instead.
    assert (leeds.outlet, leeds.move[1], leeds.right) == ("Daily Mirror", "to Leeds United", False)


def test_the_track_record_of_the_series(services: Services) -> None:
    book = build_book(resolve(services.ledger.all_claims(), default_gazetteer()))
    sky, mail, mirror = (book.get(n) for n in ("Sky Sports", "Daily Mail", "Daily Mirror"))
    assert sky and mail and mirror and book.get("BBC Sport") is None  # BBC only confirmed
    assert (sky.resolved, sky.right, sky.days_ahead) == (1, 1, 59.0)
    assert (mirror.resolved, mirror.right, mirror.days_ahead) == (1, 0, None)
    # The prior is centred on the pooled 2 of 3 (smoothed to 3/5) and weighs 4 calls.
    assert book.prior == Prior(pytest.approx(2.4), pytest.approx(1.6))
    assert sky.estimate == pytest.approx(3.4 / 5) and mirror.estimate == pytest.approx(2.4 / 5)
    assert sky.note() == "Sky Sports: right on 1 of 1 resolved move (est. 68%)"
    assert [r.name for r in book.ranked(Kind.OUTLET)] == [
        "Daily Mail",
        "Sky Sports",
        "Daily Mirror",
    ]


def test_two_right_calls_are_not_a_perfect_record() -> None:
    prior = Prior.centred(right=2, resolved=2)
    assert prior.estimate(2, 2) < 0.9 and prior.estimate(20, 20) > prior.estimate(2, 2)


def test_answers_show_the_record_beside_the_outlet_and_keep_their_verdict(
    services: Services,
) -> None:
    answer = services.asker.ask("Has Ben White joined Arsenal?")
    assert answer.verdict == "confirmed"
    asked = services.asker.ask("Are Leeds bidding for Ben White?")
    assert asked.verdict == "reported"  # the record never changes a verdict
    [cited] = asked.citations
    assert cited.record == "Daily Mirror: right on 0 of 1 resolved move (est. 48%)"
    summary = services.summarizer.summarize("Ben White")
    assert any(c.record.startswith("Daily Mirror: right on 0 of 1") for c in summary.citations)


def test_a_pinned_tier_wins_over_the_learnt_record(services: Services, tmp_path: Path) -> None:
    tiers = tmp_path / "tiers.txt"
    tiers.write_text("# moderators' tiers\nwww.skysports.com = 1\nMirror = 4\n", encoding="utf-8")
    records = TrackRecords(services.ledger, default_gazetteer(), tiers_path=tiers)
    assert records.book().note("Sky Sports") == "Sky Sports: tier 1 (pinned by moderators)"
    assert records.book().get("Daily Mirror").tier == 4
    tiers.write_text("Mirror = 2\n", encoding="utf-8")  # edited while the bot runs
    os.utime(tiers, (1, 1))
    assert records.book().note("Sky Sports").startswith("Sky Sports: right on 1 of 1")
    assert records.book().get("Daily Mirror").tier == 2


def test_a_broken_tier_file_is_a_config_error_naming_the_line() -> None:
    with pytest.raises(ConfigError, match="line 2"):
        parse_tiers("The Sun = 3\nThe Athletic = top\n", default_gazetteer())
    with pytest.raises(ConfigError, match="RUMOUR_OUTLET_TIERS"):
        TrackRecords(None, default_gazetteer(), tiers_path=Path("/nonexistent/tiers.txt"))  # type: ignore[arg-type]


def _fresh(services: Services) -> TrackRecords:
    """Track records as a new process builds them, over the same data dir."""
    gaz = default_gazetteer()
    return TrackRecords(services.ledger, gaz, saved=SavedUnits(services.db, gaz))


def test_a_new_process_reads_the_saved_records_until_the_ledger_changes(
    services: Services, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.records.service")
    first = _fresh(services).book()
    assert "track records rebuilt" in caplog.text
    caplog.clear()
    again = _fresh(services).book()
    assert "track records rebuilt" not in caplog.text  # read back, not resolved again
    assert again.ranked() == first.ranked() and again.get("Sky Sports").resolved == 1

    assert first.get("Sky Sports").days_ahead == 59.0
    services.sources.forget("white-done")  # now the Mirror's later echo settles the move
    caplog.clear()
    after = _fresh(services).book()
    assert "track records rebuilt" in caplog.text
    assert after.get("Sky Sports").days_ahead == 62.0


def test_unreadable_saved_records_are_resolved_again(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    gaz = default_gazetteer()
    saved = SavedUnits(services.db, gaz)
    _fresh(services).book()
    with services.db.transaction() as conn:
        conn.execute('UPDATE record_units SET units = \'[["Sky Sports", "planet"]]\'')
    caplog.set_level(logging.DEBUG, logger="bot.records")
    book = TrackRecords(services.ledger, gaz, saved=saved).book()
    assert "the saved ones are unreadable" in caplog.text and "rebuilt" in caplog.text
    assert book.get("Sky Sports").resolved == 1
