"""The stages of a move: an ordered scale of progress, and the end states that stop a move."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a move stands; progress stages are ordered, end states close a move."""

    INTEREST = "interest"
    TALKS = "talks"
    BID = "bid"
    AGREED = "agreed"
    MEDICAL = "medical"
    COMPLETED = "completed"
    REJECTED = "rejected"
    COLLAPSED = "collapsed"
    DENIED = "denied"
    STAYS = "stays"

    @property
    def progress(self) -> int:
        """Rank on the progress scale; end states rank 0."""
        return PROGRESS.get(self, 0)

    @property
    def negative(self) -> bool:
        """True for the end states that stop a move."""
        return self in NEGATIVE


PROGRESS = {
    Stage.INTEREST: 1,
    Stage.TALKS: 2,
    Stage.BID: 3,
    Stage.AGREED: 4,
    Stage.MEDICAL: 5,
    Stage.COMPLETED: 6,
}
NEGATIVE: frozenset[Stage] = frozenset({Stage.REJECTED, Stage.COLLAPSED, Stage.DENIED, Stage.STAYS})
