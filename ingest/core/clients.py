"""The OpenAI (or compatible) client, built once at start-up and passed down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.core.settings import Settings

if TYPE_CHECKING:
    import openai

# Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp) accept any key; the SDK needs one.
_PLACEHOLDER_KEY = "unused-local-key"


def needs_openai(settings: Settings) -> bool:
    """Whether any configured backend talks to an OpenAI-compatible API."""
    return settings.embedder == "openai" or settings.generator_name == "openai"


def make_openai_client(settings: Settings) -> openai.OpenAI | None:
    """One OpenAI client with the SDK's own retries and timeout, or None when nothing needs it."""
    if not needs_openai(settings):
        return None
    import openai

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return openai.OpenAI(
        api_key=key or _PLACEHOLDER_KEY,
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout,
        max_retries=settings.openai_max_retries,
    )
