"""The shipped name lists: how they match, and that each alias names one thing."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

from ingest.claims.gazetteer import Kind, build, default_gazetteer, parse_lines, words


def canonical(text: str, **options) -> list[tuple[str, str]]:
    found = default_gazetteer().find(text, **options)
    return [
        (m.entry.canonical, m.entry.kind.value)
        for m in found
        if m.entry.kind is not Kind.NOT_PERSON
    ]


def test_the_longest_name_wins() -> None:
    assert canonical("Queens Park Rangers beat Rangers") == [
        ("Queens Park Rangers", "club"),
        ("Rangers", "club"),
    ]


def test_loose_short_forms_only_when_asked_for() -> None:
    assert canonical("United want him") == []
    assert canonical("United want him", with_ambiguous=True) == [("Manchester United", "club")]


def test_a_stadium_stands_for_its_club() -> None:
    assert canonical("He returned to Old Trafford") == [("Manchester United", "stadium")]


def test_matching_ignores_case_and_accents() -> None:
    assert canonical("ATLÉTICO MADRID") == canonical("atletico madrid") != []


def test_fans_nicknames_for_people_are_loaded() -> None:
    assert default_gazetteer().people["stevie g"] == "Steven Gerrard"


def test_every_alias_of_a_file_names_one_thing() -> None:
    folder = resources.files("ingest") / "data" / "gazetteer"
    for name in ("clubs.txt", "nations.txt", "outlets.txt", "roles.txt", "journalists.txt"):
        owners: dict[tuple[tuple[str, ...], str], set[str]] = defaultdict(set)
        for canon, aliases, section in parse_lines((folder / name).read_text("utf-8").splitlines()):
            if section == "stadiums":
                continue
            for phrase in (canon, *aliases):
                owners[(tuple(w.key for w in words(phrase)), section)].add(canon)
        clashes = {key: names for key, names in owners.items() if len(names) > 1}
        assert clashes == {}, name


def test_build_reads_sections() -> None:
    gaz = build(
        {
            "clubs.txt": "Arsenal = Gunners\n[ambiguous]\nArsenal = Arse\n[stadiums]\nEmirates = Arsenal\n"
        }
    )
    assert gaz.table[("gunners",)].canonical == "Arsenal"
    assert gaz.ambiguous[("arse",)].canonical == "Arsenal"
    assert gaz.table[("emirates",)].kind is Kind.STADIUM
