"""The one validated configuration object, read from the environment and `.env`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AliasChoices,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from ingest.core.errors import ConfigError

LOCAL_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"


@dataclass(frozen=True)
class ChunkConfig:
    """How large chunks are and how much consecutive chunks overlap, in tokens."""

    max_tokens: int = 128
    overlap_tokens: int = 24

    def __post_init__(self) -> None:
        """The one check of chunk settings: ValueError when they cannot work."""
        if self.max_tokens < 8:
            raise ValueError("max_tokens must be at least 8")
        if not 0 <= self.overlap_tokens < self.max_tokens // 2:
            raise ValueError("overlap_tokens must be below half of max_tokens")


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Every setting of the app. App settings use the RUMOUR_ prefix; third-party names do not."""

    model_config = SettingsConfigDict(
        env_prefix="RUMOUR_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        validate_default=True,
    )

    # Storage
    data_dir: Path = Path("./data")
    chroma_host: str | None = None
    chroma_port: int = Field(8000, ge=1, le=65535)
    collection: str = Field("rumours", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$")
    # How often a process asks the store whether someone else changed it (another host sharing
    # a Chroma server, an interrupted ingest); 0 asks on every search.
    revision_check_seconds: float = Field(2.0, ge=0, le=3600)

    # Embeddings
    embedder: Literal["local", "openai"] = "local"
    embedding_model: str | None = None
    embed_batch_size: int = Field(64, ge=1, le=2048)

    # Chunking
    chunk_tokens: int = Field(128, ge=32, le=2000)
    chunk_overlap_tokens: int = Field(24, ge=0, le=500)
    article_max_chars: int = Field(100_000, ge=1_000, le=50_000_000)

    # Answering
    generator: Literal["auto", "openai", "extractive"] = "auto"
    chat_model: str = "gpt-4o-mini"
    context_tokens: int = Field(3000, ge=512, le=200_000)
    top_k: int = Field(8, ge=1, le=50)
    prompts_dir: Path | None = None
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    openai_base_url: str | None = Field(
        None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url")
    )
    openai_timeout: float = Field(30.0, gt=0, le=600)
    openai_max_retries: int = Field(2, ge=0, le=10)
    llm_concurrency: int = Field(16, ge=1, le=256)

    # Fetching URLs and feeds
    # host[:port] entries as written; ingest.fetching.connect.parse_allowlist normalises them.
    fetch_allowlist: Annotated[list[str], NoDecode] = Field(default_factory=list)
    fetch_timeout: float = Field(10.0, gt=0, le=120)
    fetch_max_bytes: int = Field(5_000_000, ge=10_000, le=100_000_000)
    fetch_max_redirects: int = Field(5, ge=0, le=20)
    feed_max_entries: int = Field(100, ge=1, le=10_000)

    # Discord
    discord_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("DISCORD_TOKEN", "discord_token")
    )
    discord_guilds: Annotated[list[int], NoDecode] = Field(default_factory=list)
    moderator_role: str | None = None
    refresh_minutes: int = Field(60, ge=0, le=10_080)
    ask_cooldown_seconds: float = Field(20.0, ge=0, le=3600)
    summary_cooldown_seconds: float = Field(60.0, ge=0, le=3600)
    shards: int | None = Field(None, ge=1, le=1000)
    thread_context_hours: float = Field(24.0, gt=0, le=720)
    message_content_intent: bool = False
    feedback_secret: SecretStr | None = None

    # Track records, watches and digests
    outlet_tiers: Path | None = None
    record_prior_strength: float = Field(4.0, gt=0, le=1000)
    watch_poll_seconds: float = Field(60.0, ge=0, le=86_400)
    watches_per_user: int = Field(10, ge=1, le=1000)
    watches_per_server: int = Field(200, ge=1, le=100_000)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    _chunking: ChunkConfig | None = PrivateAttr(default=None)

    @field_validator("data_dir", mode="before")
    @classmethod
    def _data_dir_given(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("must not be empty (unset it to use ./data)")
        return value

    @field_validator("fetch_allowlist", "discord_guilds", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("openai_base_url")
    @classmethod
    def _http_base_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value or None

    @model_validator(mode="after")
    def _chunking_works(self) -> Settings:
        self._chunking = self._chunk_config()  # checked here, once
        return self

    def _chunk_config(self) -> ChunkConfig:
        try:
            return ChunkConfig(self.chunk_tokens, self.chunk_overlap_tokens)
        except ValueError:
            raise ValueError(
                f"RUMOUR_CHUNK_OVERLAP_TOKENS ({self.chunk_overlap_tokens}) must be below half of "
                f"RUMOUR_CHUNK_TOKENS ({self.chunk_tokens})"
            ) from None

    @property
    def chunking(self) -> ChunkConfig:
        """Chunk size and overlap as one value, checked when the settings were validated.

        Settings changed without validation (model_copy with update) are checked here instead,
        as a ConfigError naming the settings.
        """
        config = self._chunking
        if config is None or (config.max_tokens, config.overlap_tokens) != (
            self.chunk_tokens,
            self.chunk_overlap_tokens,
        ):
            try:
                config = self._chunking = self._chunk_config()
            except ValueError as exc:
                raise ConfigError(f"Invalid configuration: {exc}") from None
        return config

    @property
    def embedding_model_name(self) -> str:
        """The embedding model in force, with the embedder's default filled in."""
        if self.embedding_model:
            return self.embedding_model
        return LOCAL_EMBEDDING_MODEL if self.embedder == "local" else OPENAI_EMBEDDING_MODEL

    @property
    def generator_name(self) -> Literal["openai", "extractive"]:
        """`auto` resolved: openai when a key or base URL is configured, else extractive."""
        if self.generator == "auto":
            return "openai" if (self.openai_api_key or self.openai_base_url) else "extractive"
        return self.generator

    @property
    def chroma_dir(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.data_dir / "chroma"

    @property
    def lexical_dir(self) -> Path:
        """Where the collection's saved lexical (BM25) index lives."""
        return self.data_dir / "lexical" / self.collection


def _env_name(field: str) -> str:
    """The environment variable a user sets for `field` (errors report aliases or field names)."""
    info = Settings.model_fields.get(field)
    if info is None:  # already an alias such as OPENAI_BASE_URL
        return field
    if isinstance(info.validation_alias, AliasChoices):
        return str(info.validation_alias.choices[0])
    return f"RUMOUR_{field.upper()}"


def load_settings(**overrides: object) -> Settings:
    """Build Settings from the environment and `.env`; validation errors become ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if not err["loc"]:  # a check across settings names them in its message
                problems.append(str(err["msg"]).removeprefix("Value error, "))
                continue
            message = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{_env_name(str(err['loc'][0]))}: {message}")
        raise ConfigError("Invalid configuration: " + "; ".join(problems)) from None
