"""The exceptions of the rumour desk; every message is meant for the person using it."""

from __future__ import annotations


class RumourError(Exception):
    """Base class: an expected failure whose message can be shown to a user as it is."""


class ConfigError(RumourError):
    """A setting is missing or invalid."""


class StoreError(RumourError):
    """The vector store cannot be opened or used."""


class EmbedderMismatchError(StoreError):
    """The store was built with a different embedder than the one configured."""


class EmbeddingError(RumourError):
    """The embedding backend failed."""


class SourceError(RumourError):
    """One source (file, URL, feed or JSON line) could not be ingested."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = message


class FetchError(SourceError):
    """A URL could not be fetched (network, HTTP status, content type, size)."""


class FetchRefusedError(FetchError):
    """A URL was refused before any request was made (scheme, credentials, address)."""


class ExtractionError(SourceError):
    """A page or file had no article text worth keeping."""


class NotFoundError(RumourError):
    """A named source or article is not in the index."""


class BusyError(RumourError):
    """Another ingest or refresh holds the data directory."""
