"""What the claim reader produces: who moves, between which clubs or into which role, how far."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.claims.stage import Stage
from ingest.core.text.folding import fold


class About:
    """What a claim is about: a move somewhere, or staying (a new contract)."""

    MOVE = "move"
    STAY = "stay"
    HOLDS = "holds"  # a title that says who has a job now: "Aston Villa boss Steven Gerrard"


@dataclass(frozen=True)
class Claim:
    """One transfer claim: a sentence's assertion about a person's move, with its source."""

    article_id: str
    start: int  # the sentence's span in the article text, quoted verbatim
    end: int
    text: str  # the sentence
    person: str
    stage: Stage
    hedged: bool  # not asserted on the sentence's own authority (modal or attributed)
    modal: bool = False  # hedged by possibility or expectation ("could", "set to")
    from_club: str = ""
    to_club: str = ""
    role: str = ""  # manager, assistant, director ... when the move is into a job
    says: str = ""  # the outlet the sentence credits ("(Sun)"), else ""
    clubs: tuple[str, ...] = ()  # every club the claim's clause names
    others: tuple[str, ...] = ()  # other people the sentence names
    context: tuple[str, ...] = ()  # clubs of the sentence's paragraph
    cue: str = ""  # the words that gave the stage
    about: str = About.MOVE
    main: bool = True  # the sentence's main claim, or one of its other clauses

    @property
    def person_key(self) -> str:
        """The person's name folded for matching."""
        return fold(self.person)


@dataclass(frozen=True)
class Reading:
    """What extraction learnt from one article: its claims and the people it names."""

    claims: list[Claim]
    people: dict[str, int]  # full name -> mentions
