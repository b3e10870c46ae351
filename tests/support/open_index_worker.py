"""A process that opens the index the environment describes the moment a file appears.

`python -m tests.support.open_index_worker GO_FILE`: loads the settings and the embedder first,
prints "ready", then waits for GO_FILE and opens the index (client and collections), so several
workers open a fresh store at the same moment. Exits non-zero with the error when opening fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ingest.core.settings import load_settings
from ingest.index.embedders import create_embedder
from ingest.index.opening import open_index


def main(go: Path) -> None:
    """Get everything slow out of the way, then open the index when `go` exists."""
    settings = load_settings()
    embedder = create_embedder(settings)
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.0002)
    open_index(settings, embedder=embedder)
    print("opened", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
