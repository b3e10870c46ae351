"""A scripted model gives seven kinds of bad output, and faithful answers; none of the bad reaches
the fan, and faithful answers reach the fan unchanged. The README's table is this suite's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from tests.support.adversarial import (
    Outcome,
    copied_sentences,
    ingest_articles,
    run,
    table,
    tally,
)
from tests.support.adversarial_cases import CASES, FAITHFUL_CASES, KINDS, Case
from tests.support.helpers import REPO, MakeServices, read_jsonl, shared_file
from tests.support.openai_server import OpenAIServer

SECRET = "sk-adversarial-do-not-log"


@pytest.fixture(scope="module")
def outcomes(
    make_services: MakeServices, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[Case, Outcome]]:
    """Every case answered once, through the real answer and round-up paths."""
    root = tmp_path_factory.mktemp("adversarial")
    with OpenAIServer() as server:
        services = make_services(
            root,
            generator="openai",
            openai_base_url=server.base_url,
            openai_api_key=SECRET,
            openai_max_retries=0,
        )
        ingest_articles(services, root)
        cases = [*CASES, *FAITHFUL_CASES]
        yield dict(zip(cases, run(services, server, cases), strict=True))


def _id(case: Case) -> str:
    return f"{case.kind}: {case.ask}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_no_bad_sentence_reaches_the_fan(case: Case, outcomes: dict[Case, Outcome]) -> None:
    outcome = outcomes[case]
    assert outcome.asked, "the model was never asked: the question finds no claims"
    assert outcome.missing == [], "the reply cites an article the prompt did not hold"
    assert outcome.leaked == [], outcome.text
    assert SECRET not in outcome.text


def test_faithful_answers_reach_the_fan_unchanged(outcomes: dict[Case, Outcome]) -> None:
    faithful = [outcomes[case] for case in FAITHFUL_CASES]
    assert all(o.asked and not o.missing for o in faithful)
    kept = sum(len(o.kept) for o in faithful)
    total = kept + sum(len(o.lost) for o in faithful)
    lost = [sentence for o in faithful for sentence in o.lost]
    assert total >= 40
    assert kept / total >= 0.95, lost
    assert sum(o.generator == "openai" for o in faithful) == len(faithful)


def test_each_kind_has_five_questions_at_least() -> None:
    questions = Counter(case.kind for case in CASES if not case.summary)
    assert all(questions[kind] >= 5 for kind in KINDS), questions
    assert all(len({c.ask for c in CASES if c.kind == kind}) >= 5 for kind in KINDS)


def test_the_readme_shows_this_suites_table(outcomes: dict[Case, Outcome]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert table(tally(list(outcomes.values()))) in readme, (
        "run `python benchmarks/verifier_report.py` and paste its table into README.md"
    )



@pytest.mark.corpus
@pytest.mark.parametrize("name", ["bbc_football", "bbc_gossip_2021"])
def test_sentences_copied_from_real_articles_are_kept(name: str) -> None:
    records = read_jsonl(shared_file(f"corpus/{name}.jsonl"))
    kept, total = copied_sentences(records[:: len(records) // 8][:8])
    assert total >= 20
    assert kept / total >= 0.97, (kept, total)
