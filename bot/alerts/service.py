"""/watch, /unwatch and the digests as a service: resolve what a fan watches, keep to the caps,
find what changed since each watch was last told, and what each digest should say.

The ledger is written by ingest, in this process (/reingest, the scheduled refresh) or in
another (`rumour refresh`). `check` reads its revision and does nothing when it has not moved,
so the bot can call it after its own refreshes and on a timer; what was announced is kept in the
database, so a re-ingest that changes nothing announces nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.alerts.changes import (
    Alert,
    StageChange,
    alerts,
    baseline,
    moves_now,
    stage_changes,
)
from bot.alerts.store import AlertStore, Digest, Every, Kind, Watch
from bot.answering.answer import Citation, CitationNotes, with_notes
from bot.answering.extractive import number
from bot.answering.findings import ClaimFinder
from ingest.core.db import Database
from ingest.core.errors import RumourError
from ingest.ledger.schema import StoredClaim

log = logging.getLogger(__name__)

MAX_TARGET_CHARS = 100
MAX_LIMIT = 1000
DIGEST_ITEMS = 15


@dataclass(frozen=True)
class DigestPost:
    """A digest due in a channel: the moves whose stage changed, newest first, cited."""

    digest: Digest  # as recorded now (last_sent is this post)
    previous: int  # when the one before went out (0 for the first)
    since: int
    until: int
    changes: list[StageChange]
    citations: list[Citation]


class AlertService:
    """Watches and digests over the claim ledger."""

    def __init__(
        self,
        db: Database,
        finder: ClaimFinder,
        *,
        per_user: int,
        per_server: int,
        notes: CitationNotes | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = AlertStore(db, now=now)
        self.finder = finder
        self.defaults = (per_user, per_server)
        self.notes = notes
        self.now = now
        self._checked = -1  # the ledger revision last checked in this process
        self._retry = False  # an alert could not be delivered: check again next time
        self._lock = threading.Lock()

    # --- watches -------------------------------------------------------------------------------

    def watch(
        self, guild_id: int, channel_id: int, user_id: int, target: str, *, dm: bool
    ) -> Watch:
        """Start watching a person or a club; RumourError when unknown, a repeat, or over a cap."""
        kind, key, label = self.resolve(target)
        if self.store.find_watch(guild_id, user_id, kind, key):
            raise RumourError(f"You already watch {label} here.")
        watch = Watch(0, guild_id, channel_id, user_id, kind, key, label, dm)
        states = baseline(watch, moves_now(self._claims_for(watch)))
        limits = self.limits(guild_id)
        added = self.store.add_watch(watch, states, limits)
        if added is None:
            raise RumourError(
                f"No room for another watch: a fan may keep {limits[0]} here and the server "
                f"{limits[1]} (moderators set this with /config watch-limits). "
                "Use /unwatch to drop one."
            )
        log.info("user %s watches %s %r in guild %s", user_id, kind, key, guild_id)
        return added

    def unwatch(self, guild_id: int, user_id: int, target: str) -> Watch:
        """Stop a watch, named as it was set or as /watch list shows it."""
        mine = self.store.watches_of(guild_id, user_id)
        wanted = " ".join(target.split()).casefold()
        found = next((w for w in mine if w.label.casefold() == wanted), None)
        if found is None:
            try:
                kind, key, _ = self.resolve(target)
            except RumourError:
                kind, key = Kind.PERSON, ""
            found = next((w for w in mine if (w.kind, w.target) == (kind, key)), None)
        if found is None:
            raise RumourError(f"You don't watch {target} here: /watch list shows your watches.")
        self.store.remove_watch(found.id)
        return found

    def watches_of(self, guild_id: int, user_id: int) -> list[Watch]:
        """A fan's watches in a server."""
        return self.store.watches_of(guild_id, user_id)

    def resolve(self, target: str) -> tuple[Kind, str, str]:
        """(kind, key, label) of what a fan names: a person the sources name, else a club."""
        text = " ".join(target.split())
        if not text or len(text) > MAX_TARGET_CHARS:
            raise RumourError(f"Name a player, manager or club (at most {MAX_TARGET_CHARS} chars).")
        question = self.finder.parse(text)
        names = self.finder.names()
        keys = [k for p in question.people for k in p.keys if k in names.full]
        if keys:
            return Kind.PERSON, keys[0], names.full[keys[0]]
        if question.clubs:
            return Kind.CLUB, question.clubs[0], question.clubs[0]
        raise RumourError(
            f"I can't find {text} in the sources: watch a player, manager or club they name."
        )

    def limits(self, guild_id: int) -> tuple[int, int]:
        """The caps in force in a server: (per user, per server)."""
        return self.store.limits(guild_id) or self.defaults

    def set_limits(self, guild_id: int, per_user: int, per_server: int) -> tuple[int, int]:
        """Set a server's caps (existing watches stay; new ones wait for room)."""
        for value in (per_user, per_server):
            if not 1 <= value <= MAX_LIMIT:
                raise RumourError(f"Caps go from 1 to {MAX_LIMIT}.")
        self.store.set_limits(guild_id, per_user, per_server)
        return per_user, per_server

    # --- alerts ----------------------------------------------------------------------------------

    def check(self) -> list[Alert]:
        """The changes to announce now, each claimed for this caller (announce, or `release`)."""
        if not self.store.any_watches():
            return []
        if self.finder.refresh is not None:
            self.finder.refresh()  # claims another host wrote to a shared Chroma server
        with self._lock:
            revision = self.finder.ledger.revision()
            if revision == self._checked and not self._retry:
                return []
            self._checked, self._retry = revision, False
        watches = self.store.all_watches()
        found = alerts(watches, moves_now(self.finder.ledger.all_claims()), self.store.states())
        claimed = []
        for alert in found:
            ids = [w.id for w in alert.watches]
            if self.store.swap(ids, alert.now.key, alert.before, alert.now.state):
                claimed.append(alert)
        if claimed:
            log.info("%d watch alerts to announce (ledger revision %d)", len(claimed), revision)
        return claimed

    def release(self, alert: Alert) -> None:
        """Undo the claim on an alert that could not be delivered, so a later check retries it."""
        ids = [w.id for w in alert.watches]
        self.store.swap(ids, alert.now.key, alert.now.state, alert.before)
        self._retry = True

    def citation(self, alert: Alert | StageChange) -> Citation:
        """The citation of the claim that changed the move."""
        citations, _ = number([alert.now.lead])
        return with_notes(citations, self.notes)[0]

    # --- digests ---------------------------------------------------------------------------------

    def set_digest(self, guild_id: int, channel_id: int, every: Every | None) -> Digest | None:
        """Schedule a channel's digest (the first comes at the next check), or stop it."""
        self.store.set_digest(guild_id, channel_id, every)
        return next((d for d in self.store.digests() if d.channel_id == channel_id), None)

    def digests_in(self, guild_id: int) -> list[Digest]:
        """The digests scheduled in a server."""
        return [d for d in self.store.digests() if d.guild_id == guild_id]

    def due_digests(self) -> list[DigestPost]:
        """The digests due now, each claimed for this caller and covering the period since the
        last one (at most one period), by the articles' publication dates."""
        until = int(self.now().timestamp())
        due = [d for d in self.store.digests() if d.last_sent + d.every.seconds <= until]
        if not due:
            return []
        claims = self.finder.ledger.all_claims()
        posts = []
        for digest in due:
            if not self.store.mark_sent(digest.channel_id, until, digest.last_sent):
                continue  # another process sent it
            since = max(digest.last_sent, until - digest.every.seconds)
            changes = stage_changes(claims, since, until)[:DIGEST_ITEMS]
            citations, _ = number([c.now.lead for c in changes])
            citations = with_notes(citations, self.notes)
            sent = replace(digest, last_sent=until)
            posts.append(DigestPost(sent, digest.last_sent, since, until, changes, citations))
        return posts

    def release_digest(self, post: DigestPost) -> None:
        """Undo the claim on a digest that could not be posted, so the next check retries it."""
        self.store.mark_sent(post.digest.channel_id, post.previous, post.digest.last_sent)

    def _claims_for(self, watch: Watch) -> list[StoredClaim]:
        if watch.kind is Kind.PERSON:
            return self.finder.ledger.claims_about([watch.target])
        return self.finder.ledger.all_claims()
