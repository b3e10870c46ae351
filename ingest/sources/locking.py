"""One writer per data directory: an flock'd lock file, and a marker that survives a crashed run.

The marker file exists while a write is in progress and is removed only when the write ends
normally, so the next writer knows when it must sweep up after a killed or failed run.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Callable, Iterator
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

    @contextlib.contextmanager
    def hold(
        self,
        *,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
        clean_on: tuple[type[BaseException], ...] = (),
    ) -> Iterator[bool]:
        """Hold the lock for a write; yields True when the previous write did not finish.

        Exceptions in `clean_on` are ones raised before anything is written (a lookup that
        found nothing), so they end the write as cleanly as a normal exit.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(fd, wait, on_wait)
            interrupted = self.marker.exists()
            if interrupted:
                log.warning(
                    "the last ingest into %s did not finish; checking the index", self.data_dir
                )
            self.marker.touch()
            try:
                yield interrupted
            except clean_on:
                self.marker.unlink(missing_ok=True)
                raise
            # Only reached when the write ended normally: any other exception keeps the marker.
            self.marker.unlink(missing_ok=True)
        finally:
            os.close(fd)  # closing the descriptor releases the flock

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
