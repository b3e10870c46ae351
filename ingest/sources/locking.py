"""One writer per data directory: an flock'd lock file, and a journal that survives a crashed run.

The journal (the marker file) exists while a write is in progress and is removed only when the
write ends normally, so the next writer knows when it must sweep up after a killed or failed
run. Before the write changes an article, the article's id goes into the journal, so that the
sweep looks at what this data dir's writer was writing and at nothing else: other processes
may be writing other articles into the same Chroma server at that very moment.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ingest.core.errors import BusyError

log = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
MARKER_FILE = "ingest.incomplete"
WAITING = "waiting for another ingest to finish"


class DataDirLock:
    """An exclusive, blocking lock on a data directory, shared by every process and thread."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILE
        self.marker = data_dir / MARKER_FILE
        self._holding = False

    @contextlib.contextmanager
    def hold(
        self,
        *,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
        clean_on: tuple[type[BaseException], ...] = (),
    ) -> Iterator[list[str] | None]:
        """Hold the lock for a write; yields the articles an unfinished last write journaled.

        None when the last write finished. Exceptions in `clean_on` are ones raised before
        anything is written (a lookup that found nothing), so they end the write as cleanly as
        a normal exit.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(fd, wait, on_wait)
            unfinished = self.journaled() if self.marker.exists() else None
            if unfinished is not None:
                log.warning(
                    "the last ingest into %s did not finish; checking the index", self.data_dir
                )
            self.marker.touch()  # kept whole: a crash in the sweep leaves its journal to redo
            self._holding = True
            try:
                yield unfinished
            except clean_on:
                self.marker.unlink(missing_ok=True)
                raise
            finally:
                self._holding = False
            # Only reached when the write ended normally: any other exception keeps the marker.
            self.marker.unlink(missing_ok=True)
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def record(self, article_ids: Sequence[str]) -> None:
        """Journal the articles a write is about to change, on disk before it changes them.

        Does nothing outside `hold`: a write that takes no lock leaves nothing to sweep.
        """
        if not self._holding or not article_ids:
            return
        with self.marker.open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(list(article_ids)) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    def journaled(self) -> list[str]:
        """Every article journaled since the last write that finished, in order, once each."""
        try:
            lines = self.marker.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        ids: list[str] = []
        for line in lines:
            try:
                ids.extend(str(article_id) for article_id in json.loads(line))
            except (ValueError, TypeError):  # cut short by a crash: its write had not begun
                continue
        return list(dict.fromkeys(ids))

    def _acquire(self, fd: int, wait: bool, on_wait: Callable[[str], None] | None) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            if not wait:
                raise BusyError(
                    "Another ingest or refresh is running on this data directory"
                    f"{holder}; try again when it has finished."
                ) from None
            message = f"{WAITING}{holder}"
            (on_wait or log.warning)(message)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)


def _read_pid(fd: int) -> str:
    """' (process 123)' from the lock file, or '' when it holds nothing readable."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
