"""Verdicts from claims: the move they concern, newest first, a done deal terminal."""

from __future__ import annotations

from dataclasses import replace

from bot.answering.answer import Verdict
from bot.answering.questions import Ask, PersonRef, Question
from bot.answering.verdict import judge, matches
from ingest.claims.model import About, Claim
from ingest.claims.stage import Stage
from ingest.core.schema import published_timestamp
from ingest.ledger.schema import LedgerArticle, StoredClaim

KANE = PersonRef("kane", ("harry kane",), (0,))


def claim(
    stage: Stage, *, day: str = "", to: str = "Chelsea", hedged: bool = False, **kw
) -> StoredClaim:
    options = {"from_club": "Tottenham Hotspur", "clubs": (to, "Tottenham Hotspur")} | kw
    made = Claim(
        article_id=f"a-{stage}-{day}-{to}",
        start=0,
        end=10,
        text=f"{stage} sentence",
        person="Harry Kane",
        stage=stage,
        hedged=hedged,
        modal=kw.pop("modal", False) if "modal" in kw else False,
        to_club=to,
        **{k: v for k, v in options.items() if k != "modal"},
    )
    article = LedgerArticle(
        made.article_id, "fp", published=day, published_ts=published_timestamp(day)
    )
    return StoredClaim(made, article)


def move(to: str = "Chelsea", ask: Ask = Ask.MOVE) -> Question:
    club = {"to_club": to} if ask is Ask.MOVE else {"from_club": to}
    return Question("q", ask, (KANE,), clubs=(to,), **club)


def verdict(question: Question, *claims: StoredClaim) -> Verdict:
    found = [c for c in claims if matches(question, c.claim, KANE.keys)]
    return judge(question, found).verdict


def test_a_stated_completion_confirms_even_after_older_denials() -> None:
    assert (
        verdict(
            move(), claim(Stage.DENIED, day="2021-06-01"), claim(Stage.COMPLETED, day="2021-08-01")
        )
        is Verdict.CONFIRMED
    )
    assert (
        verdict(move(), claim(Stage.DENIED), claim(Stage.COMPLETED)) is Verdict.CONFIRMED
    )  # both undated


def test_a_hedged_completion_is_only_reported() -> None:
    assert verdict(move(), claim(Stage.COMPLETED, hedged=True)) is Verdict.REPORTED


def test_a_later_denial_denies_and_a_later_report_revives() -> None:
    report, denial = claim(Stage.BID, day="2021-06-01"), claim(Stage.DENIED, day="2021-07-01")
    assert verdict(move(), report, denial) is Verdict.DENIED
    revived = claim(Stage.TALKS, day="2021-08-01")
    judged = judge(move(), [report, denial, revived])
    assert judged.verdict is Verdict.REPORTED and judged.disagree == [denial]


def test_a_report_and_a_denial_of_the_same_days_give_denied_with_both_shown() -> None:
    report, denial = claim(Stage.INTEREST, day="2021-06-01"), claim(Stage.DENIED, day="2021-06-02")
    judged = judge(move(), [report, denial])
    assert (judged.verdict, judged.decisive, judged.disagree) == (
        Verdict.DENIED,
        [denial],
        [report],
    )


def test_a_rejection_of_another_move_says_nothing_of_this_one() -> None:
    other = claim(Stage.REJECTED, to="Manchester United", clubs=("Manchester United",))
    assert verdict(move(), claim(Stage.INTEREST), other) is Verdict.REPORTED


def test_speculation_about_a_collapse_is_not_a_denial() -> None:
    maybe = claim(Stage.COLLAPSED, hedged=True, modal=True)
    assert verdict(move(), maybe) is Verdict.REPORTED


def test_staying_denies_a_move_and_confirms_a_stay() -> None:
    stays = claim(
        Stage.STAYS,
        to="",
        about=About.STAY,
        from_club="Tottenham Hotspur",
        clubs=("Tottenham Hotspur",),
    )
    assert verdict(move("Tottenham Hotspur", Ask.LEAVE), stays) is Verdict.DENIED
    assert verdict(move("Tottenham Hotspur", Ask.STAY), stays) is Verdict.CONFIRMED
    gone = claim(
        Stage.COMPLETED, to="Manchester City", clubs=("Manchester City", "Tottenham Hotspur")
    )
    assert verdict(move("Tottenham Hotspur", Ask.STAY), gone) is Verdict.DENIED


def test_no_claim_about_the_move_is_unknown() -> None:
    assert verdict(move("Arsenal"), claim(Stage.BID)) is Verdict.UNKNOWN


def test_an_arrival_in_an_article_about_the_club_confirms_the_move() -> None:
    arrived = claim(
        Stage.COMPLETED,
        day="2004-10-01",
        to="",
        from_club="Tottenham Hotspur",
        clubs=("Tottenham Hotspur",),
        context=("Chelsea", "Tottenham Hotspur"),
        cue="the arrival of",
    )
    assert verdict(move(), arrived) is Verdict.CONFIRMED


def test_a_claim_about_a_move_to_the_club_counts_though_its_clause_names_others() -> None:
    collapsed = claim(Stage.COLLAPSED, day="2021-09-20", clubs=("Paris St-Germain",))
    assert verdict(move(), collapsed) is Verdict.DENIED


def test_a_club_announcing_he_has_joined_us_confirms_the_move_there() -> None:
    joined = claim(
        Stage.COMPLETED,
        day="2020-10-06",
        to="",
        from_club="",
        clubs=(),
        context=("Atletico Madrid", "Chelsea"),
        cue="joined",
    )
    joined = StoredClaim(
        replace(joined.claim, text="Harry Kane has joined us on a long-term contract."),
        joined.article,
    )
    assert verdict(move(), joined) is Verdict.CONFIRMED
