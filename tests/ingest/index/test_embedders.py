"""Both embedders: the local ONNX model, and the OpenAI one against a real local server."""

from __future__ import annotations

import numpy as np
import openai
import pytest

from ingest.core.errors import ConfigError, EmbeddingError
from ingest.index.embedders import LocalEmbedder, OpenAIEmbedder, create_embedder
from tests.support.helpers import make_settings
from tests.support.openai_server import OpenAIServer, Scripted


def test_local_embedder_gives_unit_vectors_that_capture_meaning(
    local_embedder: LocalEmbedder,
) -> None:
    texts = [
        "Toni Kroos is acting as an intermediary for Real Madrid.",
        "Kroos helps Madrid in their pursuit of the German coach.",
        "The weather in Lisbon was sunny and warm on Tuesday.",
    ]
    vectors = np.asarray(local_embedder.embed(texts))
    assert vectors.shape == (3, local_embedder.dimension) == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    related, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert related > unrelated + 0.2


def test_local_embedder_batches_do_not_change_results(local_embedder: LocalEmbedder) -> None:
    texts = [f"Player {i} is linked with a move to club {i % 7}." for i in range(70)] + ["short"]
    together = np.asarray(local_embedder.embed(texts))
    alone = np.asarray([local_embedder.embed([t])[0] for t in texts[::10]])
    assert np.allclose(together[::10], alone, atol=1e-3)


def test_local_embedder_only_ships_minilm() -> None:
    with pytest.raises(ConfigError, match="RUMOUR_EMBEDDING_MODEL"):
        LocalEmbedder(model_name="bge-large")


def _client(server: OpenAIServer, **kwargs: object) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=server.base_url, **kwargs)  # type: ignore[arg-type]


def test_openai_embedder_batches_through_the_sdk(openai_server: OpenAIServer) -> None:
    embedder = OpenAIEmbedder(_client(openai_server), "nomic-embed-text", batch_size=4)
    texts = [f"rumour number {i}" for i in range(10)]
    vectors = embedder.embed(texts)
    assert len(vectors) == 10
    assert vectors[3] == pytest.approx(openai_server.stub.embed("rumour number 3"), abs=1e-6)
    calls = [r for r in openai_server.stub.requests if r["path"].endswith("/embeddings")]
    assert [len(r["json"]["input"]) for r in calls] == [4, 4, 2]
    assert calls[0]["json"]["model"] == "nomic-embed-text"
    assert embedder.name == "openai:nomic-embed-text"
    assert embedder.dimension == openai_server.stub.dimension  # probed from the server


def test_openai_embedder_knows_openai_dimensions_without_a_call(
    openai_server: OpenAIServer,
) -> None:
    embedder = OpenAIEmbedder(_client(openai_server), "text-embedding-3-small")
    assert embedder.dimension == 1536
    assert openai_server.stub.requests == []


def test_openai_embedder_failure_is_a_clear_error(openai_server: OpenAIServer) -> None:
    openai_server.stub.embedding_script.extend([Scripted(status=500)] * 3)
    embedder = OpenAIEmbedder(_client(openai_server, max_retries=1), "nomic-embed-text")
    with pytest.raises(EmbeddingError, match="HTTP 500"):
        embedder.embed(["anything"])


def test_factory_needs_a_client_for_openai(tmp_path) -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        create_embedder(make_settings(tmp_path, embedder="openai"), None)


def test_caching_embedder_computes_each_text_once(openai_server: OpenAIServer) -> None:
    from ingest.index.embedders import CachingEmbedder

    cached = CachingEmbedder(OpenAIEmbedder(_client(openai_server), "nomic-embed-text"), size=3)
    first = cached.embed(["a b", "c d", "a b"])
    again = cached.embed(["c d", "a b"])
    assert again == [first[1], first[0]]
    inputs = [r["json"]["input"] for r in openai_server.stub.requests]
    assert inputs == [["a b", "c d"]]
    cached.embed(["e", "f", "g"])  # evicts the oldest entries
    cached.embed(["a b"])
    assert [r["json"]["input"] for r in openai_server.stub.requests][-1] == ["a b"]
    assert cached.name == "openai:nomic-embed-text"
