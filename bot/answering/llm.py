"""The chat-model seam: a small Protocol and its OpenAI (or OpenAI-compatible) adapter."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Protocol

from ingest.core.errors import RumourError

if TYPE_CHECKING:
    import openai

    from ingest.core.settings import Settings

log = logging.getLogger(__name__)

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


class GenerationError(RumourError):
    """The language model failed (after the SDK's retries) or answered with nothing usable."""


class ChatModel(Protocol):
    """Anything that turns chat messages into one reply; raises GenerationError on failure."""

    @property
    def model(self) -> str: ...

    def complete(self, messages: list[Message], *, max_tokens: int) -> str: ...


class OpenAIChat:
    """ChatModel over the app's one `openai.OpenAI` client; the SDK owns retries and timeouts."""

    def __init__(self, client: openai.OpenAI, model: str, *, temperature: float = 0.0) -> None:
        self._client = client
        self._model = model
        self._temperature = temperature

    @classmethod
    def from_settings(cls, client: openai.OpenAI, settings: Settings) -> OpenAIChat:
        """The adapter configured by RUMOUR_CHAT_MODEL.

        Calls are not limited here: the Discord bot, the only caller that makes them in
        parallel, holds RUMOUR_LLM_CONCURRENCY slots around each answer (bot/discord/app.py).
        """
        return cls(client, settings.chat_model)

    @property
    def model(self) -> str:
        """The chat model name sent with every request."""
        return self._model

    def complete(self, messages: list[Message], *, max_tokens: int) -> str:
        """The model's reply text; GenerationError for HTTP errors, timeouts and bad bodies."""
        import openai  # its client exists already; importing the SDK is slow, so only here

        try:
            # `max_tokens` rather than `max_completion_tokens`: local compatible servers
            # (Ollama, llama.cpp, older vLLM) only know the former.
            completion = self._client.chat.completions.create(
                model=self._model,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=self._temperature,
            )
        except openai.APITimeoutError as exc:
            raise GenerationError("The language model timed out.") from exc
        except openai.APIStatusError as exc:
            raise GenerationError(
                f"The language model answered with HTTP {exc.status_code}."
            ) from exc
        except openai.APIConnectionError as exc:
            raise GenerationError("The language model could not be reached.") from exc
        except (openai.OpenAIError, json.JSONDecodeError) as exc:
            raise GenerationError("The language model sent a malformed response.") from exc
        return _reply_text(completion)


def _reply_text(completion: Any) -> str:
    """The first choice's content; the SDK builds responses without validating them."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise GenerationError("The language model's response had no choices.")
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise GenerationError("The language model's response was empty.")
    if getattr(choices[0], "finish_reason", None) == "length":
        log.info("the chat reply hit max_tokens and may end mid-sentence")
    return content
