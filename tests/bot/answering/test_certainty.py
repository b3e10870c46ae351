"""Tests for bot.certainty: verdict labels, cue spans and the Szeged uncertainty F1 floor."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from bot.answering.certainty import (
    Certainty,
    Cue,
    SentenceCertainty,
    classify,
    hedge_cues,
    is_uncertain,
)
from tests.support.helpers import SHARED

CORPUS = SHARED / "corpus"
# Measured 86.6 (wiki) and 81.2 (factbank) when written; floors sit about 3 points below.
WIKI_F1_FLOOR = 0.835
FACTBANK_F1_FLOOR = 0.78

REPORTED = [
    "Liverpool could sign the Germany midfielder next summer.",
    "Chelsea are set to complete the signing of the striker.",
    "Arsenal are poised to agree a deal for the winger.",
    "Newcastle are reportedly keen on the Sevilla defender.",
    "Burnley are plotting a summer move for the centre-back.",
    "West Ham have been linked with the Boavista forward.",
    "Wycombe are in advanced talks to sign the Welsh striker.",
    "Leicester are thought to be monitoring the midfielder.",
    "The defender is attracting interest from three clubs.",
    "The move is subject to a medical.",
    "Everton are close to agreeing a fee with Lyon.",
    "Roma are on the verge of appointing a new coach.",
    "Bayern are keeping tabs on the teenager, according to reports.",
    "The winger is said to be unhappy at the club.",
    "Toni Kroos is joining the coaching staff, Sky Sports understands.",
    "It is understood the club have made an approach.",
    "United are weighing up a move for the full-back.",
    "Milan want to sign the forward in January, a report claims.",
    "The striker would cost around £40m.",
    "Spurs may move for the keeper in January.",
    "Inter will sign the midfielder on a free transfer (Sun)",
    "Celtic are eyeing a loan deal (www.dailymail.co.uk)",
]

DENIED = [
    "The club have rejected a bid from Arsenal for their captain.",
    "Brighton rejected an approach for the defender.",
    "The manager says the striker is not for sale.",
    "Klopp has ruled out a move for the defender.",
    "The midfielder has turned down a move to Bordeaux.",
    "The chairman dismissed reports of a takeover.",
    "The coach quashed speculation over a January exit.",
    "The agent denied that his client had spoken to Juventus.",
    "There has been no contact with the player's representatives.",
    "We are not interested in selling him.",
    "The club has no plans to sell its top scorer.",
    "Our captain will not be leaving this summer.",
    "The manager insists the forward is not going anywhere.",
    "There is no truth in the reports, said the chairman.",
    "I'm not in talks with any other club.",
    "I don't want to leave this club.",
    "He has not signed a new contract and will leave on a free.",
    "Talks between the clubs have broken down over the fee.",
    # Denial wins over a hedge in the same sentence.
    "He was a reported target of Fulham but the manager quashed speculation over a move.",
]

CONFIRMED = [
    "Norwich have signed midfielder Tom Baker from Charlton for an undisclosed fee.",
    "Sam Allardyce has been appointed manager of the club.",
    "The coach was sacked on Monday after a run of six defeats.",
    "The manager has resigned for personal reasons.",
    "Southampton have completed the signing of the centre-back.",
    "The goalkeeper has joined Roma on a three-year deal.",
    "The winger has agreed a new contract until 2026.",
    "The club are delighted to announce the signing of the defender.",
    "The forward put pen to paper on a four-year deal.",
    "Chelsea have confirmed the departure of their head coach.",
    "The club have parted company with their manager.",
    "He has signed a contract until May 2025.",
]

NEUTRAL = [
    "Arsenal won 2-0 at Anfield on Saturday.",
    "The striker scored twice in the second half.",
    "The match kicked off in heavy rain.",
    "The keeper denied him with a fine save.",
]

NEGATED = [
    # (sentence, expected label, expected cue text)
    ("The player has not signed a new contract.", Certainty.DENIED, "has not signed"),
    ("He has not yet signed the extension.", Certainty.REPORTED, "has not yet signed"),
    ("The club refused to confirm the transfer.", Certainty.REPORTED, "refused to confirm"),
    ("The club could not confirm the appointment.", Certainty.REPORTED, "could not confirm"),
    ("The striker is yet to sign a new deal.", Certainty.REPORTED, "yet to sign"),
    ("No deal has been agreed between the clubs.", Certainty.REPORTED, "No deal has been agreed"),
    ("United have not ruled out a January move.", Certainty.REPORTED, "not ruled out"),
    ("The move has not been confirmed.", Certainty.REPORTED, "not been confirmed"),
]


@pytest.mark.parametrize("sentence", REPORTED)
def test_hedged_sentences_are_reported(sentence: str) -> None:
    result = classify(sentence)
    assert result.label is Certainty.REPORTED, result.cues
    assert result.hedged
    assert hedge_cues(sentence)


@pytest.mark.parametrize("sentence", DENIED)
def test_denials(sentence: str) -> None:
    result = classify(sentence)
    assert result.label is Certainty.DENIED, result.cues
    assert not result.hedged


@pytest.mark.parametrize("sentence", CONFIRMED)
def test_confirmations(sentence: str) -> None:
    result = classify(sentence)
    assert result.label is Certainty.CONFIRMED, result.cues
    assert hedge_cues(sentence) == []


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_neutral(sentence: str) -> None:
    assert classify(sentence) == SentenceCertainty(Certainty.NEUTRAL, ())


@pytest.mark.parametrize(("sentence", "label", "cue"), NEGATED)
def test_negated_confirmations_are_not_confirmed(sentence: str, label: Certainty, cue: str) -> None:
    result = classify(sentence)
    assert result.label is label, result.cues
    assert cue in [c.text for c in result.cues]
    # The bare confirmation inside the negated phrase must not survive as its own cue.
    assert all(c.kind is not Certainty.CONFIRMED for c in result.cues)


def test_hedged_confirmation_keeps_both_cues_but_is_reported() -> None:
    result = classify("Chelsea are set to complete the signing of the striker.")
    assert result.label is Certainty.REPORTED
    assert [(c.text, c.kind) for c in result.cues] == [
        ("set to", Certainty.REPORTED),
        ("complete the signing", Certainty.CONFIRMED),
    ]


def test_month_may_is_not_a_hedge() -> None:
    assert classify("He signed in May 2019 and left in May.").label is Certainty.CONFIRMED
    assert not is_uncertain("The season ended on May 20, 1983, in Las Vegas.")
    assert is_uncertain("May this be the last time.")
    assert classify("The fee may rise to £30m.").label is Certainty.REPORTED


def test_outlet_in_brackets_only_at_sentence_end() -> None:
    assert [c.text for c in hedge_cues("Spurs will bid again (Guardian)")] == ["(Guardian)"]
    assert hedge_cues("The club (Spurs) won the match.") == []


@pytest.mark.parametrize("sentence", REPORTED + DENIED + CONFIRMED + [s for s, _, _ in NEGATED])
def test_cue_spans_map_back_to_the_sentence(sentence: str) -> None:
    cues = classify(sentence).cues
    assert cues
    for cue in cues:
        assert isinstance(cue, Cue)
        assert sentence[cue.start : cue.end].lower() == cue.text.lower()
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues)), "overlap"


def test_hedge_cues_are_only_hedges() -> None:
    sentence = "Sources say the defender has signed, but the club refused to confirm it."
    cues = hedge_cues(sentence)
    assert [c.text for c in cues] == ["Sources say", "refused to confirm"]
    assert {c.kind for c in cues} == {Certainty.REPORTED}


def test_certainty_values_are_plain_strings() -> None:
    assert Certainty.CONFIRMED == "confirmed"
    assert [c.value for c in Certainty] == ["confirmed", "denied", "reported", "neutral"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The disease may be caused by a virus.",
        "It is believed that the tower was built in 1320.",
        "He was probably born in Leeds.",
        "The results suggest a link between diet and sleep.",
        "She seems to have left the city in 1850.",
        "It is unclear whether the treaty was ever signed.",
        "If the vote passes, the law changes.",
        "The painting is considered one of his finest works.",
    ],
)
def test_is_uncertain_general_cues(sentence: str) -> None:
    assert is_uncertain(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge was completed in 1932.",
        "He scored 20 goals in 30 appearances.",
        # Attribution alone is not speculation in the Szeged sense.
        "According to the census, the town has 4,000 inhabitants.",
        "The team tracks its budget carefully.",
    ],
)
def test_is_uncertain_rejects_plain_statements(sentence: str) -> None:
    assert not is_uncertain(sentence)


def _f1(path: Path) -> float:
    tp = fp = fn = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold = row["uncertain"] is True or str(row["uncertain"]).lower() == "true"
            predicted = is_uncertain(row["sentence"])
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("hedge_szeged_wiki.jsonl", WIKI_F1_FLOOR),
        ("hedge_szeged_factbank.jsonl", FACTBANK_F1_FLOOR),
    ],
)
def test_szeged_f1_floor(name: str, floor: float) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    assert _f1(path) >= floor
