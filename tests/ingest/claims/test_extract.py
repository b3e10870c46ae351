"""Claims read from whole articles: who moves, between which clubs, and who says so."""

from __future__ import annotations

from ingest.claims.extract import read_article
from ingest.claims.model import About, Claim
from ingest.claims.stage import Stage


def claims(text: str, title: str = "Transfer news") -> list[Claim]:
    return read_article("a1", title, text).claims


def only(text: str, title: str = "Transfer news") -> Claim:
    found = claims(text, title)
    assert len(found) == 1, found
    return found[0]


def test_a_club_signing_a_player_names_both_clubs() -> None:
    claim = only("Everton have completed the signing of Dele Alli from Tottenham Hotspur.")
    assert (claim.person, claim.stage) == ("Dele Alli", Stage.COMPLETED)
    assert (claim.from_club, claim.to_club) == ("Tottenham Hotspur", "Everton")
    assert not claim.hedged


def test_a_player_described_by_his_club_leaves_it() -> None:
    claim = only("Newcastle are keen on Leicester City's English midfielder Hamza Choudhury.")
    assert claim.person == "Hamza Choudhury"
    assert (claim.from_club, claim.to_club, claim.stage) == (
        "Leicester City",
        "Newcastle United",
        Stage.INTEREST,
    )


def test_a_manager_acting_for_his_club_is_not_the_mover() -> None:
    claim = only(
        "United boss Ole Gunnar Solskjaer wants to sign Borussia Dortmund winger Jadon Sancho."
    )
    assert claim.person == "Jadon Sancho"


def test_a_manager_resigning_is_the_mover() -> None:
    claim = only("Tottenham manager Jacques Santini has resigned for personal reasons.")
    assert (claim.person, claim.stage, claim.from_club) == (
        "Jacques Santini",
        Stage.COMPLETED,
        "Tottenham Hotspur",
    )


def test_surnames_and_pronouns_resolve_to_the_person_named_earlier() -> None:
    text = (
        "Everton midfielder Thomas Gravesen has agreed a deal with Real Madrid.\n\n"
        "Gravesen will have a medical on Tuesday. He is expected to sign a three-year contract."
    )
    found = claims(text)
    assert {c.person for c in found} == {"Thomas Gravesen"}
    assert [c.stage for c in found][:2] == [Stage.AGREED, Stage.MEDICAL]


def test_a_quote_belongs_to_its_speaker() -> None:
    text = (
        "Tottenham boss Martin Jol has been linked with the vacant post at Ajax.\n\n"
        "\"I'm happy here, I'm not in discussion with anyone else,\" said Jol."
    )
    stays = [c for c in claims(text) if c.stage is Stage.STAYS]
    assert [c.person for c in stays] == ["Martin Jol"]
    assert stays[0].about == About.STAY


def test_a_gossip_item_credits_its_outlet() -> None:
    text = (
        "Leicester City are interested in Watford midfielder Nathaniel Chalobah. (www.leicestermercury.co.uk)\n\n"
        "Southampton are in talks with Chelsea over a loan move for Billy Gilmour. (Daily Mail)"
    )
    first, second = claims(text)
    assert first.says == "www.leicestermercury.co.uk" and first.stage is Stage.INTEREST
    assert second.says == "Daily Mail" and second.person == "Billy Gilmour"


def test_one_sentence_about_two_moves_gives_two_claims() -> None:
    found = claims(
        "Larne's teenage star Robbie Weir is poised to join Sunderland after turning down a move to Stoke City."
    )
    by_stage = {c.stage: c for c in found}
    assert by_stage[Stage.COMPLETED].to_club == "Sunderland" and by_stage[Stage.COMPLETED].hedged
    assert by_stage[Stage.REJECTED].clubs == ("Stoke City",)
    assert {c.person for c in found} == {"Robbie Weir"}


def test_players_listed_together_each_get_the_claim() -> None:
    found = claims(
        "Norway striker Erling Haaland and Germany winger Julian Brandt will remain at Borussia Dortmund."
    )
    assert {c.person for c in found} == {"Erling Haaland", "Julian Brandt"}
    assert all(c.stage is Stage.STAYS and c.from_club == "Borussia Dortmund" for c in found)


def test_a_first_name_that_is_also_a_club_is_a_person() -> None:
    claim = only("Villarreal defender Pau Torres has rejected a move to Tottenham.")
    assert claim.person == "Pau Torres" and claim.stage is Stage.REJECTED


def test_a_short_club_name_counts_where_the_article_names_the_club_in_full() -> None:
    text = "Real Madrid are chasing Thomas Gravesen. Real have agreed a fee with Everton."
    assert any(c.stage is Stage.AGREED and "Real Madrid" in c.clubs for c in claims(text))


def test_the_claim_quotes_its_sentence_verbatim() -> None:
    text = "Preamble about the weather.\n\nQPR keeper Chris Day is set to join Preston on loan."
    claim = only(text)
    assert (
        text[claim.start : claim.end]
        == claim.text
        == "QPR keeper Chris Day is set to join Preston on loan."
    )


def test_a_job_title_says_who_holds_the_job_now() -> None:
    found = claims(
        "Aston Villa boss Steven Gerrard is keen on Joe Gomez. Former Chelsea boss Jose Mourinho said no."
    )
    titles = [(c.person, c.to_club) for c in found if c.about == About.HOLDS]
    assert titles == [("Steven Gerrard", "Aston Villa")]


def test_the_person_a_manager_is_to_replace_is_not_the_mover() -> None:
    found = claims(
        "Paulo Fonseca is set to be appointed Newcastle manager after ex-Chelsea boss Frank "
        "Lampard pulled out of the running to replace Steve Bruce at St James' Park."
    )
    withdrawal = next(c for c in found if c.stage is Stage.COLLAPSED)
    assert (withdrawal.person, withdrawal.to_club) == ("Frank Lampard", "Newcastle United")
    assert all(c.person != "Steve Bruce" for c in found)


def test_a_coach_joining_a_manager_is_the_mover() -> None:
    claim = only("Pompey coach Kevin Bond is poised to join Harry Redknapp.")
    assert (claim.person, claim.stage) == ("Kevin Bond", Stage.COMPLETED)


def test_a_club_he_only_came_from_is_not_his_destination() -> None:
    claim = only(
        "Day has been displaced by the arrival of Simon Royce, who is in his second month on "
        "loan from Charlton."
    )
    assert (claim.person, claim.from_club, claim.to_club) == (
        "Simon Royce",
        "Charlton Athletic",
        "",
    )


def test_the_club_a_person_turns_down_is_the_refused_move() -> None:
    claim = only(
        "Former Bournemouth manager Eddie Howe turned down Celtic as he is willing to bide his "
        "time for the Southampton job to come available."
    )
    assert (claim.person, claim.stage, claim.to_club) == ("Eddie Howe", Stage.REJECTED, "Celtic")


def test_the_player_a_club_will_not_sell_is_the_one_who_stays() -> None:
    found = claims(
        "John Wardle is the Manchester City chairman. "
        "He added: \"I've no intention of selling Shaun Wright-Phillips."
    )
    stay = next(c for c in found if c.stage is Stage.STAYS)
    assert stay.person == "Shaun Wright-Phillips"


def test_the_player_someone_wants_to_sign_is_the_mover() -> None:
    claim = only("Arsene Wenger wants to sign Jadon Sancho.")
    assert (claim.person, claim.stage) == ("Jadon Sancho", Stage.INTEREST)


def test_the_club_that_rules_a_move_out_is_not_its_destination() -> None:
    found = claims(
        "Palmeiras have expressed interest in Manchester United striker Alexis Sanchez. "
        'However, the possibility of Sanchez joining the club has been "completely ruled out" '
        "by United."
    )
    denial = next(c for c in found if c.stage is Stage.DENIED)
    assert (denial.person, denial.to_club) == ("Alexis Sanchez", "")


def test_he_after_a_named_person_is_that_person_not_the_one_named_next() -> None:
    found = claims(
        "Rangers manager Steven Gerrard says he was surprised he was linked with becoming "
        "Everton manager before Rafael Benitez's appointment."
    )
    linked = next(c for c in found if c.stage is Stage.INTEREST)
    assert (linked.person, linked.to_club) == ("Steven Gerrard", "Everton")


def test_a_denial_in_another_clause_speaks_of_the_move_the_sentence_names() -> None:
    found = claims(
        'Steven Gerrard says he was "surprised" he was linked with becoming Everton manager '
        'and that such a prospect "is never a possibility".'
    )
    denial = next(c for c in found if c.stage is Stage.DENIED)
    assert (denial.person, denial.to_club, denial.hedged) == ("Steven Gerrard", "Everton", False)


def test_a_club_told_of_a_stay_is_not_where_the_player_stays() -> None:
    claim = only(
        "Jules Kounde's departure from Sevilla is growing less likely, as his club have made "
        "their position clear to Chelsea either pay 80 million euros or he will stay put."
    )
    assert (claim.person, claim.stage) == ("Jules Kounde", Stage.STAYS)
    assert claim.from_club != "Chelsea"


def test_the_person_someone_will_be_joined_by_is_the_one_who_joins() -> None:
    found = claims(
        "Peter Lorimer is a Leeds legend. On the new-look Leeds board it is understood that "
        "Lorimer will be joined by former Chelsea finance director Yvonne Todd."
    )
    joining = next(c for c in found if c.cue == "joined")
    assert (joining.person, joining.to_club, joining.hedged) == (
        "Yvonne Todd",
        "Leeds United",
        True,
    )


def test_a_club_turning_down_the_chance_to_sign_a_player_is_the_buyer() -> None:
    found = claims(
        "Liverpool have agreed to sign Bobby Clark from Newcastle United after Tottenham "
        "turned down the chance to sign him."
    )
    passed = next(c for c in found if c.stage is Stage.REJECTED)
    assert (passed.person, passed.from_club, passed.to_club) == (
        "Bobby Clark",
        "",
        "Tottenham Hotspur",
    )


def test_a_club_that_had_a_bid_rejected_is_the_bidder() -> None:
    [refused] = claims(
        "Manchester City had a bid rejected for the England international Declan Rice."
    )
    assert (refused.stage, refused.person, refused.to_club) == (
        Stage.REJECTED,
        "Declan Rice",
        "Manchester City",
    )
    [seller] = claims("Chelsea have rejected a bid from Arsenal for Mason Mount.")
    assert (seller.from_club, seller.to_club) == ("Chelsea", "Arsenal")


def test_a_club_he_will_not_be_sold_to_is_not_where_he_stays() -> None:
    [kept] = claims("Brighton will not sell defender Ben White to Leeds - for any price.")
    assert (kept.stage, kept.from_club) == (Stage.STAYS, "Brighton & Hove Albion")


def test_an_outlet_with_an_elided_article_is_credited() -> None:
    [item] = claims("Paris St-Germain want to sign Kylian Mbappe. (L'Equipe)")
    assert item.says == "L'Equipe" and item.stage is Stage.INTEREST


def test_neither_confirming_nor_denying_is_no_denial() -> None:
    assert claims("Chelsea have yet to confirm or deny a meeting with Ashley Cole.") == []
