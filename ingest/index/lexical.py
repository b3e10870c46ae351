"""BM25 over every stored chunk: saved in the data dir per store revision, shared by every process.

Writes keep the saved index in step (`updating`): the chunks they add, change and remove are
applied to the current snapshot and saved as the next one, which every process memory-maps. A
search checks cheaply whether its snapshot is still current (a stat of the pointer file, and
the store's change hint). When the store has moved on and no writer is at work (an interrupted
ingest, another host writing to a shared Chroma server), the index is stale: the first process
to notice rebuilds it from the store, under the lock, and saves it for the others.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.core.schema import Chunk
from ingest.index.lexical_build import SavedChunks, SnapshotError, saved_chunk, write_snapshot
from ingest.index.lexical_dir import Pointer, SnapshotDir
from ingest.index.lexical_snapshot import LexicalSnapshot
from ingest.index.store import ChangeHint, StoreReader

__all__ = ["LexicalIndex", "LexicalSnapshot"]

log = logging.getLogger(__name__)

_EMPTY_STORE = "0"  # the revision of a store nobody has written to


@dataclass
class _Changes:
    """What the writes of one `updating` block did to the chunks, and whether others wrote too."""

    base: LexicalSnapshot | None  # the snapshot the writes apply to, if it matched the store
    expected: str  # the revision the next write should find: ours, or the one we started from
    depth: int = 1
    foreign: bool = False  # someone else wrote meanwhile: rebuild rather than apply
    failed: bool = False  # a write stopped part-way: what it changed is unknown
    put: dict[str, Chunk] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)


class LexicalIndex:
    """The saved BM25 index of one collection: read by every process, kept by every write."""

    def __init__(self, store: StoreReader, directory: Path, hint: ChangeHint | None = None) -> None:
        self._store = store
        self._dir = SnapshotDir(directory)
        self._hint = hint or ChangeHint(0.0)
        self._lock = threading.Lock()  # loading and rebuilding, within this process
        self._current: LexicalSnapshot | None = None
        self._stamp: tuple[int, int, int] | None = None  # CURRENT as last loaded
        self._suspect = False  # the store moved on while a writer was busy: check every search
        self._changes: _Changes | None = None
        self._changes_lock = threading.Lock()

    # -- reading ----------------------------------------------------------------------------

    def snapshot(self) -> LexicalSnapshot:
        """The current index: a stat or two when nothing changed, a load after a write."""
        current = self._current
        moved = self._dir.pointer_stamp() != self._stamp
        changed = self._hint.changed()
        if current is not None and not (moved or changed or self._suspect):
            return current
        # A snapshot a writer has just saved matches the store as that write left it: it is
        # loaded without asking the store (the hint's interval still checks now and then).
        verify = current is None or self._suspect or (changed and not moved)
        with self._lock:
            return self._refresh(verify)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k best chunk ids by BM25 for `query` in the current snapshot."""
        return self.snapshot().search(query, k)

    def _refresh(self, verify: bool) -> LexicalSnapshot:
        self._load_current()
        current = self._current
        if current is not None and not verify:
            return current
        revision = self._store.revision()
        if current is not None and current.revision == revision:
            self._suspect = False
            return current
        with self._dir.locked(wait=False) as free:
            if not free:  # an ingest is under way (or a rebuild): it will publish
                self._suspect = True
                return current or LexicalSnapshot("")
            self._load_current()  # another process may have published meanwhile
            current = self._current
            if current is None or current.revision != self._store.revision():
                # A snapshot that failed to load is not worth keeping for anyone.
                self._rebuild(keep=self._dir.read_pointer() if current else None)
        self._suspect = False
        return self._current or LexicalSnapshot("")

    def _load_current(self) -> None:
        """Load the snapshot CURRENT names, unless it is the one already loaded."""
        stamp = self._dir.pointer_stamp()
        if stamp == self._stamp and self._current is not None:
            return
        pointer = self._dir.read_pointer()
        self._current = self._open(pointer)
        self._stamp = stamp

    def _open(self, pointer: Pointer | None) -> LexicalSnapshot | None:
        if pointer is None:
            return None
        path = self._dir.snapshot_path(pointer)
        current = self._current
        if current is not None and current.directory == path:
            return current.with_revision(pointer.revision)
        try:
            return LexicalSnapshot(pointer.revision, path)
        except SnapshotError as exc:
            log.warning("the saved lexical index is unusable and will be rebuilt: %s", exc)
            return None

    def _rebuild(self, keep: Pointer | None) -> None:
        """Read every chunk back from the store and save them as the current snapshot."""
        revision = self._store.revision()  # read first: a write during the read shows later
        chunks = self._store.all_chunks()
        log.info("rebuilding the lexical index: %d chunks (revision %s)", len(chunks), revision)
        self._save(SavedChunks.of(map(saved_chunk, chunks)), revision, keep)

    def _save(self, chunks: SavedChunks, revision: str, keep: Pointer | None) -> None:
        written = self._dir.new_snapshot_path()
        write_snapshot(written, chunks, revision)
        self._adopt(self._dir.publish(written, revision, keep=keep))

    def _adopt(self, pointer: Pointer) -> None:
        self._stamp = self._dir.pointer_stamp()
        self._current = self._open(pointer)

    # -- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def updating(self, bump: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the index for a group of writes, and save their effect when the group ends.

        Nested groups join the outermost one. If the block fails, what its completed writes did
        is still saved, unless a write itself failed part-way: then nothing is, the index no
        longer matches the store, and whoever next needs it rebuilds it. `bump` changes the
        store's revision; it is called when another writer's changes may be hidden behind ours.
        """
        with self._changes_lock:
            joined = self._changes
            if joined is not None:
                joined.depth += 1
        if joined is not None:
            try:
                yield
            finally:
                with self._changes_lock:
                    joined.depth -= 1
            return
        with self._dir.locked(wait=True):
            pointer = self._dir.read_pointer()
            start = self._store.revision()
            base = self._open(pointer) if pointer else LexicalSnapshot(_EMPTY_STORE)
            matches = base is not None and base.revision == start
            changes = _Changes(base if matches else None, expected=start)
            pointer = pointer if base is not None else None  # not worth keeping if unusable
            self._changes = changes
            try:
                yield
            except BaseException:
                if not changes.failed:
                    self._publish(changes, pointer, bump)
                raise
            else:
                self._publish(changes, pointer, bump)
            finally:
                self._changes = None

    def note_put(self, chunks: Sequence[Chunk]) -> None:
        """Chunks were stored (new, or with new metadata)."""
        changes = self._changes
        if changes is not None:
            for chunk in chunks:
                changes.put[chunk.id] = chunk
                changes.removed.discard(chunk.id)

    def note_removed(self, ids: Sequence[str]) -> None:
        """Chunks were deleted."""
        changes = self._changes
        if changes is not None:
            for chunk_id in ids:
                changes.put.pop(chunk_id, None)
                changes.removed.add(chunk_id)

    def note_failed(self) -> None:
        """A write failed part-way: the saved index must not claim to match the store."""
        changes = self._changes
        if changes is not None:
            changes.failed = True

    def note_bump(self, before: str, token: str) -> None:
        """The store's revision went from `before` to `token`; an unexpected `before`: a writer."""
        changes = self._changes
        if changes is not None:
            changes.foreign = changes.foreign or before != changes.expected
            changes.expected = token

    def _publish(
        self, changes: _Changes, pointer: Pointer | None, bump: Callable[[], None] | None
    ) -> None:
        revision = self._store.revision()
        if revision != changes.expected:
            changes.foreign = True
        if changes.foreign and bump is not None:
            bump()  # so that every other process notices, even if our token hid another's
        base = changes.base
        if base is None or changes.foreign:
            log.info("the lexical index missed other writes to the store; rebuilding it")
            self._rebuild(keep=pointer)
        elif changes.put or changes.removed:
            kept = base.saved_chunks().without(changes.removed | changes.put.keys())
            chunks = kept + SavedChunks.of(map(saved_chunk, changes.put.values()))
            log.debug("lexical index: %d chunks (revision %s)", len(chunks.ids), revision)
            self._save(chunks, revision, keep=pointer)
        elif revision != base.revision:
            if pointer is None:  # an empty store's first writes changed no chunk
                self._save(SavedChunks([], [], []), revision, keep=None)
            else:
                self._adopt(self._dir.publish(None, revision, keep=pointer))
