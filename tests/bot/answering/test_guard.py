"""The post-generation guard: citations, quotes, certainty, cutting and renumbering."""

from __future__ import annotations

import re

import pytest

from bot.answering.certainty import Certainty, classify
from bot.answering.guard import cut_to_fit, guard, renumber, states_as_fact
from bot.answering.prompting import Passage

KICKER = (
    "Toni Kroos is said to be helping Real Madrid in their attempt to bring Jurgen Klopp to the "
    "Bernabeu, according to German outlet Kicker.\n\n"
    "Kicker claim the former Real Madrid midfielder is acting as an intermediary for the club. "
    "The outlet reports that Kroos and Klopp have already held first talks.\n\n"
    "The report goes further: Kroos could become Klopp's assistant at Real Madrid, to help the "
    "German settle in.\n\n"
    "Neither Real Madrid nor Klopp has commented on the report."
)
OFFICIAL = "Real Madrid have confirmed the signing of Kroos as Klopp's assistant coach."
ROMA = (
    "Jose Mourinho's Roma have ruled out a move for Gianluigi Buffon, who is leaving Juventus at "
    "43, Calciomercato reports. Roma are not interested in the veteran goalkeeper."
)


def _passage(n: int, outlet: str, text: str) -> Passage:
    return Passage(
        n, f"article-{n}", outlet, "2026-01-30", f"Title {n}", f"https://x.invalid/{n}", text
    )


PASSAGES = [
    _passage(1, "Kicker", KICKER),
    _passage(2, "Real Madrid", OFFICIAL),
    _passage(3, "Calciomercato", ROMA),
]


def test_citations_to_no_passage_are_removed_and_sentences_resting_on_them_dropped() -> None:
    report = guard("Kroos could become Klopp's assistant [1][9]. The deal is done [9].", PASSAGES)
    assert report.text == "Kroos could become Klopp's assistant [1]."
    assert set(report.removed) == {9}
    assert report.dropped == 1
    assert report.cited == [1]


def test_a_quote_not_verbatim_in_its_passage_loses_its_quotation_marks() -> None:
    made_up = guard('Kicker say Kroos is "set to become Klopp\'s number two" [1].', PASSAGES)
    # unquoted, and "set to" brought back to the source's "could"
    assert made_up.text == "Kicker say Kroos could become Klopp's number two [1]."
    assert made_up.unquoted == 1
    real = "Kicker write that “Kroos could become Klopp’s assistant at Real Madrid,” [1]."
    assert guard(real, PASSAGES).text == real  # curly quotes and apostrophes still match
    elsewhere = 'Kicker write that "Kroos could become Klopp\'s assistant" [3].'
    assert '"' not in guard(elsewhere, PASSAGES).text  # verbatim, but not in the cited passage


def test_a_plain_statement_of_a_reported_claim_is_attributed_and_hedged() -> None:
    report = guard("Kroos will join Klopp's staff [1]. Kroos is joining Real Madrid [1].", PASSAGES)
    assert report.text == (
        "According to Kicker, Kroos could join Klopp's staff [1]. "
        "According to Kicker, Kroos is reportedly joining Real Madrid [1]."
    )
    assert report.rewritten == 2
    for sentence in report.text.split(". "):
        assert classify(sentence).label is Certainty.REPORTED


def test_hedged_attributed_and_sourced_sentences_are_left_alone() -> None:
    text = (
        "Kicker claim Kroos could become Klopp's assistant [1]. "
        "Neither Real Madrid nor Klopp has commented [1]. "
        "Kroos has joined Klopp's staff [2]."
    )
    report = guard(text, PASSAGES)
    assert report.text == text
    assert (report.rewritten, report.dropped, report.contradicted) == (0, 0, False)


def test_asserting_what_the_source_denies_is_flagged() -> None:
    assert guard("Roma will sign Buffon [3].", PASSAGES).contradicted
    assert not guard("Roma have ruled out a move for Buffon [3].", PASSAGES).contradicted


def test_uncited_confirmations_and_unsupported_claims_are_dropped() -> None:
    report = guard(
        "Kroos has signed for Real Madrid. The passages do not say when. "
        "Bayern have agreed a fee for Musiala [1].",
        PASSAGES,
    )
    assert report.text == "The passages do not say when."
    assert report.dropped == 2


def test_marker_placement_lists_and_bullets_are_normalised() -> None:
    text = "- Kroos could become Klopp's assistant. [1, 2]\n- Kroos will join Klopp's staff. [1]"
    assert guard(text, PASSAGES).text == (
        "- Kroos could become Klopp's assistant [1][2].\n"
        "- According to Kicker, Kroos could join Klopp's staff [1]."
    )


def test_states_as_fact() -> None:
    assert states_as_fact("Kroos will join Klopp's staff.")
    assert states_as_fact("It is a done deal.")
    assert not states_as_fact("Kroos could join Klopp's staff.")
    # an attribution alone doesn't hedge the claim inside it
    assert states_as_fact("Kicker report that Kroos will join Klopp's staff.")
    assert states_as_fact("According to Kicker, Kroos will be Klopp's assistant.")
    assert states_as_fact("Kroos is set to become Klopp's assistant.")
    assert not states_as_fact("Roma have ruled out a move for Buffon.")


def test_cut_to_fit_ends_after_a_whole_sentence() -> None:
    text = "Kroos could join [1]. Klopp has not commented [1]. Real Madrid are silent [2]."
    assert cut_to_fit(text, 60) == "Kroos could join [1]. Klopp has not commented [1]."
    assert cut_to_fit(text, 1000) == text


@pytest.mark.parametrize("limit", range(8, 90))
@pytest.mark.parametrize(
    "text",
    [
        "Kroos could become the assistant of Klopp at the Bernabeu next season [12][3] soon.",
        "Kroos-Klopp-Real-Madrid-Bernabeu-talks[12][3] could go on.",  # no space to cut at
    ],
)
def test_cut_to_fit_never_cuts_inside_a_citation_marker(text: str, limit: int) -> None:
    cut = cut_to_fit(text, limit)
    assert len(cut) <= limit
    assert re.sub(r"\[\d+\]", "", cut).count("[") == 0
    assert "]" not in re.sub(r"\[\d+\]", "", cut)


def test_renumber_is_dense_in_order_of_first_use() -> None:
    assert renumber("A [3]. B [1][3]. C [7].") == ("A [1]. B [2][1]. C [3].", [3, 1, 7])


def test_an_uncited_claim_about_the_passages_is_dropped() -> None:
    text = (
        "Kicker reports that Kroos could become Klopp's assistant [1]. "
        "Kroos will be Klopp's assistant at Real Madrid next season. "
        "The passages do not say when."
    )
    report = guard(text, PASSAGES)
    assert report.text == (
        "Kicker reports that Kroos could become Klopp's assistant [1]. The passages do not say when."
    )
    assert report.dropped == 1


def test_attributed_or_strong_claims_keep_the_sources_hedge() -> None:
    assert guard("According to Kicker, Kroos will be Klopp's assistant [1].", PASSAGES).text == (
        "According to Kicker, Kroos could be Klopp's assistant [1]."
    )
    strong = guard("Kroos is set to become Klopp's assistant [1].", PASSAGES)
    assert strong.text == "According to Kicker, Kroos could become Klopp's assistant [1]."
    assert strong.rewritten == 1


def test_the_weakest_supporting_sentence_decides() -> None:
    mixed = _passage(
        4,
        "Diario",
        "Kroos could join Real Madrid's coaching staff. Real Madrid have joined Kroos's staff plans.",
    )
    report = guard("Kroos has joined Real Madrid's staff [4].", [mixed])
    assert report.rewritten == 1
    assert report.text.startswith("According to Diario,")


def test_a_hedged_claim_against_a_denial_is_flagged() -> None:
    assert guard("Roma could sign Buffon [3].", PASSAGES).contradicted
