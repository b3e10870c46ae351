"""/timeline and `rumour timeline`: a person's claims as chart data, and the chart as a PNG."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.answering.answer import CitationNotes, with_notes
from bot.answering.findings import ClaimFinder
from bot.answering.moves import rumoured
from bot.timeline.chart import Timeline, build_timeline
from bot.timeline.render import draw, png
from ingest.core.errors import RumourError

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 100


class TimelineService:
    """Finds a person's claims in the ledger and charts them."""

    def __init__(self, finder: ClaimFinder, *, notes: CitationNotes | None = None) -> None:
        self.finder = finder
        self.notes = notes  # the outlets' track records, shown beside each citation

    def timeline(self, person: str) -> Timeline:
        """The chart data of everything the sources claim about a person."""
        name = " ".join(person.split())
        if not name:
            raise RumourError("Name a player or a manager, e.g. “Ben White”.")
        if len(name) > MAX_NAME_CHARS:
            raise RumourError(f"That name is too long (at most {MAX_NAME_CHARS} characters).")
        question = self.finder.parse(name)
        names = self.finder.names()
        keys = [k for p in question.people for k in p.keys if k in names.full]
        if not keys:
            raise RumourError(f"The sources never mention {name}.")
        full = names.full[keys[0]]  # the most mentioned of the people it may stand for
        claims = rumoured(self.finder.ledger.claims_about([keys[0]]))
        if not claims:
            raise RumourError(f"{full} is in the sources, but in no claim about a move.")
        timeline = build_timeline(full, claims, self.finder.gazetteer)
        return replace(timeline, citations=with_notes(timeline.citations, self.notes))

    def chart(self, timeline: Timeline) -> bytes:
        """The timeline drawn as a PNG (only for a timeline with something to chart)."""
        if not timeline.charted:
            raise RumourError(f"There is only one dated claim about {timeline.person}: no chart.")
        figure = draw(timeline)
        log.debug("timeline of %s: %d points", timeline.person, len(timeline.points))
        return png(figure)
