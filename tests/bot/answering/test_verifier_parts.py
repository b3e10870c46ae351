"""The verifier's parts: numbers, names, hedging, answer phrases, and the reply's text."""

from __future__ import annotations

import re

import pytest

from bot.answering.verifier.hedging import Hedging, Strength, credits, hedging, no_surer
from bot.answering.verifier.names import find_names, same_person
from bot.answering.verifier.numbers import Number, find_numbers, supported
from bot.answering.verifier.phrasing import offers_sale, phrase_claim
from bot.answering.verifier.reply import cut_to_fit, renumber
from ingest.claims.gazetteer import default_gazetteer
from ingest.claims.stage import Stage

GAZ = default_gazetteer()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a £20m bid", [(20e6, True, "£")]),
        ("a £20 million fee", [(20e6, True, "£")]),
        ("20 million pounds", [(20e6, True, "£")]),
        ("£20,000,000", [(20e6, True, "£")]),
        ("a €1.5bn takeover", [(1.5e9, True, "€")]),
        ("3.5m euros", [(3.5e6, True, "€")]),
        ("the 27-year-old, aged 27", [(27, False, ""), (27, False, "")]),
        ("a five-year contract", [(5, False, "")]),
        ("a one-year extension, one of the targets", [(1, False, "")]),
        ("the 2026-27 season", [(2026, False, ""), (27, False, "")]),
        ("the number 10 shirt, a second bid", [(10, False, ""), (2, False, "")]),
    ],
)
def test_numbers_are_read_with_their_units(text: str, values: list[tuple]) -> None:
    assert [(n.value, n.money, n.currency) for n in find_numbers(text)] == values


def test_a_number_is_supported_only_by_the_same_number() -> None:
    fee = Number(20e6, True, "£")
    assert supported(fee, [Number(20e6, True, "£")])
    assert supported(Number(20e6, True, ""), [fee])  # "a fee of 20 million"
    assert not supported(Number(20e6, True, "€"), [fee])
    assert not supported(Number(20, False), [fee])  # 20 is not £20m
    assert not supported(Number(2027, False), [Number(2026, False)])
    assert not supported(Number(20.1e6, True, "£"), [fee])


def test_names_fold_accents_resolve_aliases_and_read_outlets_only_where_they_cite() -> None:
    names = find_names("Spurs want Jürgen Klopp's assistant, according to the Times.", GAZ)
    assert names.clubs == {"Tottenham Hotspur"}
    assert [m.key for m in names.people] == [("jurgen", "klopp")]
    assert names.outlets == {"The Times"}
    assert find_names("He has been a star at times this season.", GAZ).outlets == frozenset()
    city = find_names("City want him.", GAZ, known_clubs={"Manchester City"})
    assert city.clubs == {"Manchester City"}


def test_a_name_is_the_same_person_by_part_but_not_with_another_first_name() -> None:
    known = [("toni", "kroos"), ("jurgen", "klopp")]
    assert same_person(("kroos",), known)
    assert same_person(("toni", "kroos"), [("kroos",)])
    assert not same_person(("felix", "kroos"), known)
    assert not same_person(("haaland",), known)


@pytest.mark.parametrize(
    ("sentence", "cue", "strength"),
    [
        ("Kroos could become Klopp's assistant.", "could become", Strength.POSSIBLE),
        ("Leeds are set to make a £20m bid.", "make a £20m bid", Strength.LIKELY),
        ("Leeds prepare a £20m bid.", "£20m bid", Strength.LIKELY),
        ("Kroos will join Klopp's staff.", "will join", Strength.FORECAST),
        ("Leeds have made a £20m bid.", "made a £20m bid", Strength.FACT),
        # A "could" in a coordinated clause with the same subject still reaches the claim.
        ("Leeds could make a bid and sign him.", "sign him", Strength.POSSIBLE),
    ],
)
def test_how_sure_a_sentence_is(sentence: str, cue: str, strength: Strength) -> None:
    assert hedging(sentence, cue, attributed=False).strength is strength


def test_an_attribution_carries_a_source_attribution_but_not_its_could() -> None:
    fact, claimed = Hedging(Strength.FACT, False), Hedging(Strength.FACT, True)
    possible = Hedging(Strength.POSSIBLE, True)
    assert no_surer(claimed, claimed)  # "Kicker claim X" for "Kicker claim X"
    assert not no_surer(fact, claimed)  # the claim as fact
    assert not no_surer(Hedging(Strength.FORECAST, True), possible)  # "Kicker: X will"
    assert no_surer(Hedging(Strength.POSSIBLE, False), claimed)  # "X could", weaker
    assert not no_surer(Hedging(Strength.LIKELY, False), Hedging(Strength.POSSIBLE, False))
    assert credits("Leeds bid for White, Sky Sports reports.")
    assert credits("Kicker says Kroos could join.", (6,))
    assert not credits("Leeds bid for White.")


def test_answer_phrases_the_article_lexicon_lacks() -> None:
    clubs = [(17, "Leeds United")]
    joining = phrase_claim("r", "White is joining Leeds.", "Ben White", clubs)
    assert joining is not None
    assert (joining.stage, joining.modal, joining.to_club) == (Stage.COMPLETED, True, "Leeds United")
    assert phrase_claim("r", "Kroos could be Klopp's assistant.") is not None
    done = phrase_claim("r", "The deal is done.")
    assert done is not None and (done.stage, done.modal) == (Stage.COMPLETED, False)
    assert phrase_claim("r", "Leeds are keen on White.") is None
    assert offers_sale("Newcastle are ready to sell Isak.")
    assert offers_sale("Chelsea are open to offers for Gallagher.")
    assert not offers_sale("Newcastle are not ready to sell Isak.")
    assert not offers_sale("Newcastle will not sell Isak.")


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
