"""Progress of a run over sources: the source being read, and articles done of how many."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """Where a run is. `articles_total` counts what is known so far (a feed, once it is read)."""

    label: str
    sources_done: int
    sources_total: int
    articles_done: int
    articles_total: int | None


Progress = Callable[[Step], None]


class Tracker:
    """Turns what each source's run reports (a runner Watch) into Steps for a Progress callback.

    `expected` holds each source's article count where it is known before reading it (a JSON
    Lines file's lines, one per page or file), None where it is not (a feed).
    """

    def __init__(self, progress: Progress | None, expected: Sequence[int | None]) -> None:
        self._progress = progress
        self._expected = list(expected)
        self._job = 0
        self._label = ""
        self._done = 0  # articles handled in the whole run
        self._job_start = 0  # articles handled when the current source began

    def begin(self, job: int, label: str) -> None:
        """Source number `job` (from 0) starts."""
        self._job, self._label, self._job_start = job, label, self._done
        self._emit()

    def reading(self, label: str) -> None:
        """Watch: an item is being read."""
        self._label = label
        self._emit()

    def expect(self, articles: int) -> None:
        """Watch: the current source holds this many articles."""
        self._expected[self._job] = articles
        self._emit()

    def stored(self, articles: int) -> None:
        """Watch: this many more articles were handled."""
        self._done += articles
        self._emit()

    def end(self) -> None:
        """The current source is done: its failed and skipped articles count as done too."""
        handled = self._done - self._job_start
        expected = max(self._expected[self._job] or 0, handled)
        self._expected[self._job] = expected
        self._done = self._job_start + expected

    def finish(self) -> None:
        """The whole run is done."""
        if self._progress and self._expected:
            jobs = len(self._expected)
            self._progress(Step("done", jobs, jobs, self._done, self._total()))

    def _total(self) -> int | None:
        known = [e for e in self._expected if e is not None]
        return sum(known) if known else None

    def _emit(self) -> None:
        if self._progress:
            self._progress(
                Step(self._label, self._job, len(self._expected), self._done, self._total())
            )
