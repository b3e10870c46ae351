"""Where the verdict is decided: which claims are about the move, and what they add up to.

A claim counts only for the move it concerns: the same person, and the asked club (or role).
Claims are read newest first. A completion stated on the sentence's own authority confirms; a
later collapse, rejection, denial or stay denies; a report after an older denial revives the
rumour; a report and a denial of the same period give "denied", with both shown. A completion
and a denial that are both undated give "confirmed": a done deal ends the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from bot.answering.answer import Verdict
from bot.answering.questions import Ask, Question
from ingest.claims.model import About, Claim
from ingest.claims.stage import Stage
from ingest.core.text.folding import fold
from ingest.ledger.schema import StoredClaim

SAME_PERIOD = 3 * 86400  # seconds within which two reports count as the same news
# Looking back on a move: "since his move from Real Madrid", "his first goal for the club",
# "the arrival of X".
_SINCE = re.compile(r"\b(?:since|after|debut|first|arrival)\b", re.IGNORECASE)
# A club announcing its own signing: "Thomas Partey has joined us on a long-term contract".
_JOINED_US = re.compile(r"\b(?:join(?:s|ed)?|signed\s+for|signed\s+with)\s+us\b", re.IGNORECASE)
_DEPARTURE = re.compile(
    r"sack|fire|dismiss|resign|quit|\bleft|leav|releas|step|part|relieved|axed|exit|depart", re.I
)


class Side(StrEnum):
    """What a claim says about the move a question asks about."""

    DONE = "done"  # it happened, on the sentence's own authority
    REPORT = "report"  # it is reported, hedged, or still in progress
    AGAINST = "against"  # it was denied, rejected, collapsed, or the person stays


@dataclass(frozen=True)
class Judgement:
    """The verdict and the claims that decide it, newest first."""

    verdict: Verdict
    decisive: list[StoredClaim] = field(default_factory=list)
    disagree: list[StoredClaim] = field(default_factory=list)  # same-period claims saying otherwise


def side(question: Question, claim: Claim) -> Side | None:
    """How a claim bears on the question's move; None when it says nothing about it."""
    if claim.about == About.HOLDS:
        # "Villa boss Gerrard": he has the job (a move there happened); nothing about leaving.
        moving = question.ask in (Ask.MOVE, Ask.WHO, Ask.LATEST)
        return Side.DONE if moving and claim.to_club == question.club else None
    if question.ask is Ask.STAY:
        return _side_for_staying(question.club, claim)
    if question.ask is Ask.LEAVE:
        return _side_for_leaving(claim)
    return _side_for_moving(question.club, claim)


def _side_for_staying(club: str, claim: Claim) -> Side | None:
    stage, settled = claim.stage, not claim.hedged
    if claim.about == About.STAY:
        if stage is Stage.STAYS:
            return Side.DONE if settled else Side.REPORT
        return Side.AGAINST if stage.negative else Side.REPORT
    if stage is Stage.COMPLETED:
        if club and claim.to_club == club:
            return Side.DONE if settled else Side.REPORT  # he signed there for good
        return Side.AGAINST  # a move away, done or coming, is not staying
    if stage.progress >= Stage.AGREED.progress and claim.to_club != club:
        return Side.AGAINST
    return None


def _side_for_leaving(claim: Claim) -> Side:
    if claim.about == About.STAY:
        return Side.AGAINST if claim.stage is Stage.STAYS else Side.REPORT
    if claim.stage is Stage.COMPLETED:
        return Side.REPORT if claim.hedged else Side.DONE
    return _negative_or_report(claim)


def _side_for_moving(club: str, claim: Claim) -> Side | None:
    stage = claim.stage
    if claim.about == About.STAY:
        if club and claim.from_club == club:
            return Side.DONE if stage is Stage.STAYS else None  # he is there
        return Side.AGAINST if stage is Stage.STAYS else None
    if stage is Stage.COMPLETED:
        arrival = (
            not claim.to_club
            and claim.from_club != club
            and (
                club in claim.clubs
                or (
                    club in claim.context
                    and (_SINCE.search(claim.cue) or _JOINED_US.search(claim.text))
                )
            )
            and not _DEPARTURE.search(claim.cue)
        )
        if claim.to_club == club or arrival or not club:
            return Side.REPORT if claim.hedged else Side.DONE
        return None  # a departure from somewhere says nothing about this move
    return _negative_or_report(claim)


def _negative_or_report(claim: Claim) -> Side:
    if claim.stage.negative:
        return Side.REPORT if claim.modal else Side.AGAINST  # "could miss out on X" only reports
    return Side.REPORT


def judge(question: Question, claims: list[StoredClaim]) -> Judgement:
    """Decide a verdict from matched claims: a done deal is terminal, later words supersede."""
    sided = [(c, side(question, c.claim)) for c in claims]
    ordered = sorted(
        ((c, s) for c, s in sided if s is not None), key=lambda x: (-x[0].ts, not x[0].claim.main)
    )
    if not ordered:
        return Judgement(Verdict.UNKNOWN)
    done = [c for c, s in ordered if s is Side.DONE]
    report = [c for c, s in ordered if s is Side.REPORT]
    against = [c for c, s in ordered if s is Side.AGAINST]
    if done:
        later = [a for a in against if a.ts and done[0].ts and a.ts > done[0].ts + SAME_PERIOD]
        if later and question.ask in (Ask.STAY, Ask.LEAVE):
            return Judgement(Verdict.DENIED, later[:1], done[:1])
        return Judgement(Verdict.CONFIRMED, done[:2], later[:1])
    if against and report:
        newest_against, newest_report = against[0], report[0]
        if (
            newest_report.ts
            and newest_against.ts
            and (newest_report.ts > newest_against.ts + SAME_PERIOD)
        ):
            return Judgement(Verdict.REPORTED, report[:2], [newest_against])
        return Judgement(Verdict.DENIED, against[:2], [newest_report])
    if against:
        return Judgement(Verdict.DENIED, against[:2])
    return Judgement(Verdict.REPORTED, report[:3])


def matches(question: Question, claim: Claim, mover: tuple[str, ...] = ()) -> bool:
    """Whether a claim is about the question's move (`mover`: the person's possible names)."""
    if question.people:
        if claim.person_key not in mover:
            return False
        named = {fold(o) for o in claim.others}
        for other in question.people:
            if other.keys and other.keys != mover and not named & set(other.keys):
                return False  # "is Kroos joining Klopp's staff": Klopp must be in it too
    club = question.club
    sentence_clubs = set(claim.clubs)
    around = sentence_clubs | set(claim.context)
    if not club:
        if question.ask in (Ask.WHO, Ask.LATEST) and question.people:
            return True
        if question.role:
            return claim.role == question.role
        return bool(question.people) and not question.clubs
    if claim.about == About.STAY:
        return club == claim.from_club or club in around
    if question.ask is Ask.STAY:
        return club in (claim.from_club, claim.to_club)
    if claim.stage.negative and claim.to_club and claim.to_club != club:
        return False  # a collapse or rejection of another move says nothing of this one
    if question.ask is Ask.LEAVE:
        if question.to_club and claim.to_club == question.to_club:
            return True  # "did Larsson leave Celtic for Barcelona": his move there
        return club == claim.from_club or club in (sentence_clubs or around)
    if claim.to_club and claim.to_club != club and club not in sentence_clubs:
        return False  # another move
    if not claim.to_club:
        return club in around
    return claim.to_club == club or club in (sentence_clubs or around)
