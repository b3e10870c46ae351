"""The BM25 index follows the store: after ingest, change and forget, also across processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Services
from ingest.core.schema import Article
from tests.support.helpers import MakeServices

ORIGINAL = Article(
    id="https://example.org/vokes",
    title="Wycombe close in on Vokes",
    text="Wycombe are in advanced talks to sign Stoke striker Sam Vokes, the Athletic reports.",
    source="The Athletic",
)
CHANGED = Article(
    id=ORIGINAL.id,
    title=ORIGINAL.title,
    text="Wycombe have completed the signing of Sam Vokes from Stoke on a two-year deal.",
    source="The Athletic",
)


def _lexical_texts(services: Services, query: str) -> list[str]:
    return [h.chunk.text for h in services.retriever.search(query, 5, mode="lexical")]


def _pair(
    tmp_path: Path, make_services: MakeServices, mode: str, server: tuple[str, int] | None
) -> tuple[Services, Services]:
    if server is None:  # one embedded store: a second process would share the same client
        writer = make_services(tmp_path / "w")
        return writer, writer
    host, port = server
    extra = {"chroma_host": host, "chroma_port": port, "collection": f"lex-{tmp_path.name[-20:]}"}
    writer = make_services(tmp_path / "w", **extra)
    if mode == "server, same host":  # the data dir, and so the saved lexical index, is shared
        return writer, make_services(tmp_path / "w", **extra)
    # Another host: its own data dir, which learns of changes by asking the server.
    return writer, make_services(tmp_path / "r", revision_check_seconds=0, **extra)


@pytest.mark.parametrize("mode", ["embedded", "server, same host", "server, other host"])
def test_lexical_index_follows_ingest_change_and_forget(
    mode: str, tmp_path: Path, make_services: MakeServices, request
) -> None:
    server = request.getfixturevalue("chroma_server") if mode != "embedded" else None
    writer, reader = _pair(tmp_path, make_services, mode, server)
    assert _lexical_texts(reader, "Vokes Wycombe") == []

    writer.sources.ingestor.ingest([ORIGINAL])
    assert _lexical_texts(reader, "Vokes Wycombe") == [ORIGINAL.text]

    writer.sources.ingestor.ingest([CHANGED])
    assert _lexical_texts(reader, "Vokes Wycombe") == [CHANGED.text]
    assert _lexical_texts(reader, "advanced talks Athletic") == []

    writer.sources.ingestor.forget(ORIGINAL.id)
    assert _lexical_texts(reader, "Vokes Wycombe") == []
