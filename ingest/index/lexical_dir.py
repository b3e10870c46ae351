"""Where the saved lexical index lives: snapshot directories, a pointer to the current one, a lock.

    <data dir>/lexical/<collection>/
        CURRENT         {"snapshot": "s-…", "revision": "<store revision>"}, replaced atomically
        lock            flock'd by whoever is changing the index (an ingest, or a rebuild)
        s-<id>/         one complete snapshot (see ingest.index.lexical_snapshot)
        tmp-<id>/       a snapshot being written; removed if its writer died

A new snapshot is written under `tmp-`, renamed to `s-` once complete, and only then named in
CURRENT, so readers only ever see whole snapshots. The previous snapshot is kept for readers that
have just read the old pointer; older ones are removed by the next publish.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

POINTER = "CURRENT"
LOCK = "lock"


@dataclass(frozen=True)
class Pointer:
    """What CURRENT says: the current snapshot's directory and the store revision it matches."""

    snapshot: str
    revision: str


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class SnapshotDir:
    """The directory of one collection's saved lexical index."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pointer_stamp(self) -> tuple[int, int, int] | None:
        """A cheap fingerprint of CURRENT (inode, mtime, size) that changes on every publish."""
        return _stat_key(self.path / POINTER)

    def read_pointer(self) -> Pointer | None:
        """The current snapshot and its revision; None if none was published (or it is garbled)."""
        try:
            data = json.loads((self.path / POINTER).read_text(encoding="utf-8"))
            return Pointer(str(data["snapshot"]), str(data["revision"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring the unreadable lexical index pointer %s: %s", self.path, exc)
            return None

    def snapshot_path(self, pointer: Pointer) -> Path:
        """The directory a pointer names."""
        return self.path / pointer.snapshot

    def new_snapshot_path(self) -> Path:
        """A fresh temporary directory name to write a snapshot into."""
        self.path.mkdir(parents=True, exist_ok=True)
        return self.path / f"tmp-{uuid.uuid4().hex}"

    def publish(self, written: Path | None, revision: str, *, keep: Pointer | None) -> Pointer:
        """Make `written` (a complete tmp- snapshot) current for `revision`, atomically.

        With `written` None the current snapshot stays and only its revision moves on (writes
        that changed no chunk). `keep` is the snapshot being replaced; it survives one more
        publish for readers that are just opening it.
        """
        current = self.read_pointer()
        if written is None:
            if current is None:
                raise ValueError("nothing to re-point: no snapshot was published")
            name = current.snapshot
        else:
            name = "s-" + written.name.removeprefix("tmp-")
            _fsync_tree(written)
            written.rename(self.path / name)
        pointer = Pointer(name, revision)
        temporary = self.path / f"{POINTER}.{uuid.uuid4().hex}"
        with temporary.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"snapshot": pointer.snapshot, "revision": pointer.revision}))
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(self.path / POINTER)
        _fsync_dir(self.path)
        self._clean({name, *([keep.snapshot] if keep else [])})
        return pointer

    def _clean(self, keep: set[str]) -> None:
        """Remove every snapshot but `keep`, and whatever an interrupted writer left behind."""
        for child in self.path.iterdir():
            if child.name in keep or child.name in (POINTER, LOCK):
                continue
            if child.is_dir() and child.name.startswith(("s-", "tmp-")):
                shutil.rmtree(child, ignore_errors=True)
            elif child.name.startswith(f"{POINTER}."):
                child.unlink(missing_ok=True)

    @contextlib.contextmanager
    def locked(self, *, wait: bool) -> Iterator[bool]:
        """Hold the index's lock (shared by every process and thread); yields False if busy."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # closing the descriptor releases the flock


def _fsync_tree(directory: Path) -> None:
    for child in directory.iterdir():
        fd = os.open(child, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
