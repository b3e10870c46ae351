"""The stage a sentence asserts, its hedging, and which clause speaks for the sentence."""

from __future__ import annotations

import pytest

from ingest.claims.extract import extract_claims
from ingest.claims.stage import Stage
from ingest.claims.stages import is_attributed, is_hedged, main_cue


def stage_of(sentence: str) -> Stage | None:
    cue = main_cue(sentence)
    return cue.stage if cue else None


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Chelsea are interested in signing Juventus striker Dusan Vlahovic.", Stage.INTEREST),
        ("Tottenham are monitoring Lille defender Sven Botman.", Stage.INTEREST),
        ("Everton and Leeds have kept an eye on Wolfsburg's Josip Brekalo.", Stage.INTEREST),
        ("Kroos could become Klopp's assistant at Real Madrid.", Stage.INTEREST),
        ("Arsenal have opened talks with Lille over defender Sven Botman.", Stage.TALKS),
        ("Leeds have made a £20m bid for Brighton defender Ben White.", Stage.BID),
        ("Burnley are ready to bid £9m for Stoke defender Nathan Collins.", Stage.BID),
        ("Newcastle have agreed a £12m fee with Atletico for Kieran Trippier.", Stage.AGREED),
        ("We are in the process of signing Hao Haidong from China.", Stage.AGREED),
        ("Trippier will undergo a medical on Wednesday.", Stage.MEDICAL),
        ("Everton have completed the signing of Dele Alli from Tottenham.", Stage.COMPLETED),
        ("Norwich have signed Charlton midfielder Graham Stuart.", Stage.COMPLETED),
        ("The Welshman has been appointed Wales manager.", Stage.COMPLETED),
        ("Southampton have sacked manager Steve Wigley.", Stage.COMPLETED),
        (
            "Brighton have rejected a £50m bid from Manchester City for Marc Cucurella.",
            Stage.REJECTED,
        ),
        ("Leeds have had an improved £22m bid rejected by Brighton.", Stage.REJECTED),
        ("Phil Jones has turned down a move to Bordeaux.", Stage.REJECTED),
        ("Arsenal's pursuit of Denis Suarez has come to an end.", Stage.COLLAPSED),
        ("Chelsea's move for Saul Niguez has collapsed.", Stage.COLLAPSED),
        ("Real Madrid have denied reports of a bid for Kylian Mbappe.", Stage.DENIED),
        ('He said a move to Everton "is never a possibility".', Stage.DENIED),
        ("Chelsea have not made a bid for the striker.", Stage.DENIED),
        ("Marcus Rashford has signed a new contract with Manchester United.", Stage.STAYS),
        ("Southampton insist James Ward-Prowse is not for sale.", Stage.STAYS),
        ("I'm happy here and I'm not leaving.", Stage.STAYS),
    ],
)
def test_each_stage_is_read_from_its_words(sentence: str, stage: Stage) -> None:
    assert stage_of(sentence) is stage


@pytest.mark.parametrize(
    "sentence",
    [
        "Drogba scored twice as Chelsea beat Arsenal at Stamford Bridge.",
        "The keeper denied Henry with a fine save.",
        "The medical department will assess his ankle on Monday.",
        "I don't agree that players control the game.",
    ],
)
def test_sentences_about_the_game_are_no_claim(sentence: str) -> None:
    assert extract_claims("a", "Match report", sentence) == []


def test_a_relative_clause_is_background_and_the_main_clause_decides() -> None:
    sentence = "But Torres, who turned down a move to Tottenham in the summer, is happy to stay."
    assert stage_of(sentence) is Stage.STAYS


def test_a_coordinated_verb_of_the_same_subject_gives_the_outcome() -> None:
    assert stage_of("Juventus were set to sign him but had to withdraw.") is Stage.COLLAPSED
    assert stage_of("Arsenal are monitoring him but have yet to make an offer.") is Stage.INTEREST


def test_a_denied_report_is_a_denial_whatever_it_reported() -> None:
    assert stage_of("Reports that Chelsea are close to a deal are nonsense, said Voller.") is (
        Stage.DENIED
    )


def test_a_renewal_turned_down_is_a_rejection_not_a_stay() -> None:
    assert stage_of("Chukwuemeka will not sign a new contract at Aston Villa.") is Stage.REJECTED


def test_a_conditional_move_is_only_interest() -> None:
    assert stage_of("He will leave Anfield if Liverpool fail to qualify.") is Stage.INTEREST


@pytest.mark.parametrize(
    ("sentence", "hedged", "attributed"),
    [
        ("Norwich have signed Graham Stuart.", False, False),
        ("Kroos could become Klopp's assistant.", True, False),
        ("Yedlin is set to complete a move to Galatasaray.", True, False),
        ("Pogba has reportedly agreed terms with Juventus.", True, True),
        ("Everton are in talks, Sky Sports News understands.", True, True),
        ("Palace are keen on Tosun (Sun)", True, False),
    ],
)
def test_hedging_and_attribution(sentence: str, hedged: bool, attributed: bool) -> None:
    assert is_hedged(sentence) is hedged
    assert is_attributed(sentence) is attributed


def test_an_opening_subordinate_clause_is_background() -> None:
    assert stage_of("After leaving Crystal Palace, Gary Cahill is wanted by Bournemouth.") is (
        Stage.INTEREST
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Kounde is an alternative for United should they fail to land Raphael Varane.",
        "If City fail to secure Kane this summer, Dusan Vlahovic is an alternative.",
        "There is no guarantee Wijnaldum will get his wish should he leave Liverpool.",
    ],
)
def test_a_move_only_in_a_condition_is_interest(sentence: str) -> None:
    assert stage_of(sentence) is Stage.INTEREST


def test_a_reported_event_under_if_is_still_reported() -> None:
    sentence = "He was unconcerned if reports that Chelsea made an approach prove to be true."
    assert stage_of(sentence) is Stage.TALKS


def test_talks_over_a_new_deal_are_talks() -> None:
    sentence = "Cole is in negotiations with Arsenal over extending his current deal."
    assert stage_of(sentence) is Stage.TALKS


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Leicester are the latest club to join the race for Ryan Bertrand.", Stage.INTEREST),
        (
            "Premier League clubs will join Bayern in the race to sign Florian Wirtz.",
            Stage.INTEREST,
        ),
        ("Sheffield Wednesday are in talks to sign free agent Jack Hunt.", Stage.TALKS),
        ('Manchester United are in "pole position" to sign Erling Haaland.', Stage.INTEREST),
        ("Sancho is expected to be allowed to leave Dortmund next summer.", Stage.INTEREST),
        ("Inter Milan would try and sign Lukaku after Conte's appointment.", Stage.INTEREST),
        ("Gary Cahill is wanted on a free transfer by Bournemouth.", Stage.INTEREST),
        ("Andros Townsend is looking for a new club.", Stage.INTEREST),
        ("United have turned their attention to signing Kalvin Phillips.", Stage.INTEREST),
        ("Dele Alli's Tottenham career could be coming to an end.", Stage.INTEREST),
        ("Chelsea have not abandoned their interest in Haaland.", Stage.INTEREST),
        ("Leeds' move for Bayern Munich midfielder Michael Cuisance is off.", Stage.COLLAPSED),
        (
            "Chelsea's move for Atletico Madrid midfielder Saul Niguez has collapsed.",
            Stage.COLLAPSED,
        ),
        ("Sergi Roberto will sign a contract extension with Barcelona.", Stage.STAYS),
        ("Arsenal will exercise an extension clause in Guendouzi's contract.", Stage.STAYS),
        ("Ansu Fati's contract renewal talks have stalled at Barcelona.", Stage.TALKS),
        ("Wilson signs from Liverpool on a four-year deal.", Stage.COMPLETED),
    ],
)
def test_more_stage_phrasings(sentence: str, stage: Stage) -> None:
    assert stage_of(sentence) is stage


def test_leaving_a_player_out_of_a_squad_is_no_move() -> None:
    sentence = "Van Gaal has left Manchester United midfielder Van de Beek out of his squad."
    assert stage_of(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Messi sees Manchester City as his first-choice destination.",
        "The 28-year-old's preference is the Ligue 1 side.",
        "Barcelona want to beat Real Madrid to the signing of Kylian Mbappe.",
        'Wesley Fofana says it is his "dream" to play for Real Madrid.',
        "Steve Bruce would 'love' to keep hold of Joe Willock beyond the summer.",
        "The Atletico forward will not be short of offers this summer.",
        "Savage's future at Birmingham has been the source of speculation.",
        "Almiron has spoken amid speculation over his future at Newcastle.",
        "West Ham 'eye Ross Barkley loan move'.",
        "Dani Ceballos is on West Ham's transfer radar.",
        'Conte said the "door is always open" to Eriksen at Spurs.',
        "Mat Ryan could be Postecoglou's first Celtic signing.",
        "Inter Milan are keen on keeping Alexis Sanchez.",
        "Lo Celso is also interesting Barcelona.",
    ],
)
def test_more_ways_to_say_interest(sentence: str) -> None:
    assert stage_of(sentence) is Stage.INTEREST


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Burnley have beaten Chelsea in the race to sign Wayne Hennessey.", Stage.COMPLETED),
        ("Barcelona will terminate the loan with Luuk de Jong.", Stage.COMPLETED),
        ("Inter expect Chelsea to return with an improved bid for Lukaku.", Stage.BID),
        ("Harry Kane will abandon plans to quit Tottenham.", Stage.STAYS),
        ("Lautaro Martinez has accepted the club's offer of a contract extension.", Stage.STAYS),
        ("Martial wants to leave United but does not want to go out on loan.", Stage.INTEREST),
    ],
)
def test_phrasings_that_change_the_stage(sentence: str, stage: Stage) -> None:
    assert stage_of(sentence) is stage


@pytest.mark.parametrize(
    "sentence",
    [
        "Once again Martyn denied the England striker with a fine save.",
        "Macken sent a header wide of the target from Thatcher's cross.",
        "The FA has agreed to the experiment in a bid to end controversies.",
    ],
)
def test_match_and_idiom_words_are_no_claim(sentence: str) -> None:
    assert stage_of(sentence) is None


def test_denying_what_a_player_did_is_still_a_denial() -> None:
    assert stage_of("Everton denied the striker was leaving for Chelsea.") is Stage.DENIED


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Messi has accepted PSG's contract proposal.", Stage.AGREED),
        ("Jorge Mendes was in Turin to discuss the forward's future.", Stage.TALKS),
        ("Kounde is expected to be sold for less than his release clause.", Stage.COMPLETED),
        ("Mikel Arteta is not in immediate danger of losing his job.", Stage.STAYS),
    ],
)
def test_accepting_discussing_selling_and_a_safe_job(sentence: str, stage: Stage) -> None:
    assert stage_of(sentence) is stage


def test_a_decision_to_leave_is_intent_not_a_move() -> None:
    assert stage_of("Erling Haaland has decided to leave Borussia Dortmund.") is Stage.INTEREST
