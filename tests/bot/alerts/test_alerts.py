"""What changed, as pure functions of claims, and the alerts store's once-only claim, on real SQLite."""

from __future__ import annotations

from pathlib import Path

from bot.alerts.changes import alerts, baseline, moves_now, stage_changes
from bot.alerts.store import AlertStore, Kind, Watch, move_id
from ingest.claims.extract import read_article
from ingest.core.db import Database
from ingest.core.schema import published_timestamp
from ingest.ledger.schema import LedgerArticle, StoredClaim


def claims_of(
    article_id: str, text: str, published: str, source: str = "Test Times"
) -> list[StoredClaim]:
    article = LedgerArticle(
        article_id, "", "", "", source, published, published_timestamp(published)
    )
    return [StoredClaim(c, article) for c in read_article(article_id, "", text).claims]


INTEREST = claims_of("a", "Arsenal are interested in Brighton defender Ben White.", "2021-06-01")
BID = claims_of("b", "Arsenal have made a £50m bid for Brighton defender Ben White.", "2021-06-20")
LEEDS = claims_of("c", "Leeds are keen on Brighton defender Ben White.", "2021-06-10")
PERSON = Watch(1, 10, 100, 7, Kind.PERSON, "ben white", "Ben White")
CLUB = Watch(2, 10, 100, 7, Kind.CLUB, "Arsenal", "Arsenal")
OTHER_FAN = Watch(3, 10, 100, 8, Kind.CLUB, "Arsenal", "Arsenal", dm=True)


def test_a_fan_watching_a_player_and_his_club_hears_of_a_change_once() -> None:
    before = moves_now(INTEREST + LEEDS)
    told = {
        (w.id, move_id(k)): s for w in (PERSON, CLUB, OTHER_FAN) for k, s in baseline(w, before)
    }
    assert alerts([PERSON, CLUB, OTHER_FAN], before, told) == []  # nothing new yet
    found = alerts([PERSON, CLUB, OTHER_FAN], moves_now(INTEREST + LEEDS + BID), told)
    assert [(tuple(w.id for w in a.watches), a.before, a.now.state) for a in found] == [
        ((1, 2), "reported/interest", "reported/bid"),  # one message for alice's two watches
        ((3,), "reported/interest", "reported/bid"),  # and one to bob's DMs
    ]
    assert found[0].now.lead.claim.article_id == "b"  # the claim that changed it


def test_the_digest_lists_moves_whose_stage_changed_in_the_period_newest_first() -> None:
    claims = INTEREST + LEEDS + BID
    since, until = published_timestamp("2021-06-05"), published_timestamp("2021-06-21")
    changes = stage_changes(claims, since, until)
    assert [(c.now.move.label, c.before, c.now.stage) for c in changes] == [
        ("to Arsenal", "interest", "bid"),
        ("to Leeds United", None, "interest"),
    ]
    assert stage_changes(claims, published_timestamp("2021-06-21"), until + 86400) == []


def test_an_alert_is_claimed_once_and_released_when_it_could_not_be_sent(tmp_path: Path) -> None:
    store = AlertStore(Database.in_dir(tmp_path))
    watch = store.add_watch(PERSON, [(("ben white", "to Arsenal"), "reported/interest")], (5, 5))
    assert watch is not None
    key = ("ben white", "to Arsenal")
    assert store.swap([watch.id], key, "reported/interest", "reported/bid")
    assert not store.swap([watch.id], key, "reported/interest", "reported/bid")  # a 2nd process
    assert store.swap([watch.id], key, "reported/bid", "reported/interest")  # released
    assert store.swap([watch.id], ("ben white", "to Leeds United"), None, "reported/interest")
    assert store.states() == {
        (watch.id, move_id(key)): "reported/interest",
        (watch.id, move_id(("ben white", "to Leeds United"))): "reported/interest",
    }
    store.remove_watch(watch.id)
    assert store.states() == {} and not store.swap([watch.id], key, None, "reported/bid")


def test_caps_are_checked_with_the_insert(tmp_path: Path) -> None:
    store = AlertStore(Database.in_dir(tmp_path))
    assert store.add_watch(PERSON, [], (1, 5)) is not None
    assert store.add_watch(CLUB, [], (1, 5)) is None  # alice has her one
    assert store.add_watch(OTHER_FAN, [], (1, 1)) is None  # the server is full
    assert [w.label for w in store.watches_of(10, 7)] == ["Ben White"]
