"""Sentence-aware chunking measured in tiktoken tokens, keeping each chunk's span in the article."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.core.schema import Article, Chunk
from ingest.core.settings import ChunkConfig
from ingest.core.text.sentences import sentence_spans

TokenCounter = Callable[[str], int]
_WORD = re.compile(r"\S+")


def chunk_article(article: Article, count: TokenCounter, config: ChunkConfig) -> list[Chunk]:
    """Cut an article into chunks of whole sentences; each chunk's text is text[start:end]."""
    text = article.text
    pieces = [piece for s, e in sentence_spans(text) for piece in _fit(text, s, e, count, config)]
    groups: list[list[tuple[int, int, int]]] = []  # (start, end, tokens) per piece
    current: list[tuple[int, int, int]] = []
    total = 0
    for start, end, tokens in pieces:
        if current and total + tokens > config.max_tokens:
            groups.append(current)
            current = _overlap_tail(current, config.overlap_tokens, config.max_tokens - tokens)
            total = sum(t for _, _, t in current)
        current.append((start, end, tokens))
        total += tokens
    if current:
        groups.append(current)
    return [
        Chunk(
            article_id=article.id,
            index=i,
            start=group[0][0],
            end=group[-1][1],
            text=text[group[0][0] : group[-1][1]],
            title=article.title,
            source=article.source,
            url=article.url,
            published=article.published,
            sample=article.sample,
        )
        for i, group in enumerate(groups)
    ]


def capped_text(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at the last space before it when there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return (head[:space] if space > limit // 2 else head).rstrip()


def _overlap_tail(
    group: list[tuple[int, int, int]], overlap: int, room: int
) -> list[tuple[int, int, int]]:
    """The last sentences of `group` that fit in the overlap (and leave room for the next one)."""
    tail: list[tuple[int, int, int]] = []
    used = 0
    for piece in reversed(group):
        if used + piece[2] > min(overlap, room):
            break
        tail.insert(0, piece)
        used += piece[2]
    if len(tail) == len(group):  # never repeat a whole chunk
        tail = tail[1:]
    return tail


def _fit(
    text: str, start: int, end: int, count: TokenCounter, config: ChunkConfig
) -> list[tuple[int, int, int]]:
    """(start, end, tokens) of a sentence, or of its parts split at word boundaries when it is
    longer than the limit: each piece is counted once."""
    tokens = count(text[start:end])
    if tokens <= config.max_tokens:
        return [(start, end, tokens)]
    spans: list[tuple[int, int]] = []
    piece: tuple[int, int] | None = None
    for word in _WORD.finditer(text, start, end):
        if piece is None:
            piece = word.span()
        elif count(text[piece[0] : word.end()]) > config.max_tokens:
            spans.append(piece)
            piece = word.span()
        else:
            piece = (piece[0], word.end())
    if piece is not None:
        spans.append(piece)
    parts = [part for s, e in spans for part in _hard_split(text, s, e, count, config)]
    return [(s, e, count(text[s:e])) for s, e in parts]


def _hard_split(
    text: str, start: int, end: int, count: TokenCounter, config: ChunkConfig
) -> list[tuple[int, int]]:
    """Last resort for a run with no spaces that is still too long: split by characters."""
    if count(text[start:end]) <= config.max_tokens:
        return [(start, end)]
    step = max(1, config.max_tokens)  # a token is at least one character
    return [(s, min(s + step, end)) for s in range(start, end, step)]
