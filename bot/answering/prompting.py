"""Prompts as strict templates in `prompts/`, and numbered passages packed into a token budget."""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from bot.answering.answer import Citation
from bot.answering.extractive import outlet_name
from bot.answering.retrieval import Hit
from ingest.core.errors import ConfigError
from ingest.core.schema import Article
from ingest.core.settings import Settings
from ingest.core.text.tokens import count_tokens

log = logging.getLogger(__name__)

# Every prompt, and the variables it must use (a prompt without $passages would be ungrounded).
PROMPT_VARIABLES: dict[str, frozenset[str]] = {
    "answer_system": frozenset(),
    "answer_user": frozenset({"question", "passages"}),
    "summary_system": frozenset(),
    "summary_user": frozenset({"topic", "items", "passages"}),
}
ELISION = " … "  # joins non-adjacent excerpts of one article
_MESSAGE_OVERHEAD = 4  # tokens the chat format adds per message (OpenAI cookbook)
_REPLY_OVERHEAD = 3
_MARGIN = 8  # rendering can merge tokens across the $passages seam; stay clear of the edge


@dataclass(frozen=True)
class Prompt:
    """One prompt file, parsed; `render` fills it and fails on any missing variable."""

    name: str
    origin: str
    template: string.Template

    def render(self, **values: str) -> str:
        """The prompt text with every $variable filled in."""
        try:
            return self.template.substitute(values)
        except KeyError as exc:
            raise ConfigError(
                f"Prompt {self.origin} uses ${exc.args[0]}, but no value was given for it "
                f"(given: {_names(values)})."
            ) from None


@dataclass(frozen=True)
class Passage:
    """One numbered article as the model sees it: outlet, date, title and verbatim excerpt."""

    n: int
    article_id: str
    outlet: str
    published: str
    title: str
    url: str
    text: str
    key: tuple[str, ...] = field(default=())  # its most relevant sentences, best first

    @classmethod
    def from_citation(cls, citation: Citation, text: str | None = None) -> Passage:
        """A passage for a citation, keeping its number; `text` defaults to its quote."""
        return cls(
            n=citation.n,
            article_id=citation.article_id,
            outlet=citation.source,
            published=citation.published,
            title=citation.title,
            url=citation.url,
            text=text or citation.quote,
            key=(citation.quote,),
        )

    def segments(self) -> list[str]:
        """The verbatim pieces of the excerpt (it may join non-adjacent spans)."""
        return self.text.split(ELISION)

    def header(self) -> str:
        """'[1] Kicker | 2026-01-30 | Kroos reportedly acting as go-between ...'"""
        outlet = self.outlet or "Unknown outlet"
        return f"[{self.n}] {outlet} | {self.published[:10] or 'undated'} | {self.title}"


@dataclass(frozen=True)
class Packed:
    """Chat messages ready to send, and the passages that fitted into them."""

    messages: list[dict[str, str]]
    passages: list[Passage]


def load_prompt(name: str, settings: Settings) -> Prompt:
    """A prompt from RUMOUR_PROMPTS_DIR when that has the file, else the bundled one; validated."""
    filename = f"{name}.txt"
    source: Path | Traversable
    if settings.prompts_dir is not None and (settings.prompts_dir / filename).is_file():
        source = settings.prompts_dir / filename
    else:
        source = _bundled(filename)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read prompt {source}: {exc}") from exc
    prompt = Prompt(name, str(source), string.Template(text))
    _validate(prompt)
    return prompt


def load_prompts(settings: Settings, *names: str) -> dict[str, Prompt]:
    """Several prompts by name, each validated (so a bad override fails at start-up)."""
    return {name: load_prompt(name, settings) for name in names}


def _bundled(filename: str) -> Traversable:
    try:
        return resources.files("prompts") / filename
    except NotADirectoryError:
        # Python 3.11 rejects the path-hook entry setuptools editable installs add to a
        # namespace package's path (python/importlib_resources#311); use its real directories.
        import prompts

        for entry in prompts.__path__:
            if (Path(entry) / filename).is_file():
                return Path(entry) / filename
        raise ConfigError(f"The bundled prompt {filename} is missing.") from None


def _validate(prompt: Prompt) -> None:
    expected = PROMPT_VARIABLES.get(prompt.name)
    if expected is None:
        raise ConfigError(f"Unknown prompt {prompt.name!r}; known: {', '.join(PROMPT_VARIABLES)}.")
    if not prompt.template.is_valid():
        line = _invalid_placeholder_line(prompt.template)
        raise ConfigError(
            f"Prompt {prompt.origin} has a stray '$' on line {line}; write $$ for a literal dollar."
        )
    used = set(prompt.template.get_identifiers())
    if unknown := used - expected:
        raise ConfigError(
            f"Prompt {prompt.origin} uses {_names(unknown)}, which it is not given "
            f"(it can use: {_names(expected) or 'no variables'})."
        )
    if missing := expected - used:
        raise ConfigError(f"Prompt {prompt.origin} must use {_names(missing)}.")


def _invalid_placeholder_line(template: string.Template) -> int:
    try:
        template.substitute({name: "" for name in template.get_identifiers()})
    except ValueError as exc:  # "Invalid placeholder in string: line 3, col 5"
        return int(str(exc).split("line ")[-1].split(",")[0])
    return 0


def _names(names: Mapping[str, object] | set[str] | frozenset[str]) -> str:
    return ", ".join(f"${n}" for n in sorted(names))


@dataclass(frozen=True)
class Quoted:
    """A sentence an answer quotes, in its article."""

    article: Article
    start: int
    end: int

    @property
    def text(self) -> str:
        """The sentence, verbatim."""
        return self.article.text[self.start : self.end]


def build_passages(evidence: Sequence[Quoted], hits: Sequence[Hit]) -> list[Passage]:
    """One passage per article that has a quoted sentence, in order, numbered from 1."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        spans.setdefault(hit.chunk.article_id, []).append((hit.chunk.start, hit.chunk.end))
    by_article: dict[str, list[Quoted]] = {}
    for item in evidence:
        by_article.setdefault(item.article.id, []).append(item)
    passages = []
    for n, (article_id, items) in enumerate(by_article.items(), start=1):
        article = items[0].article
        ranges = spans.get(article_id) or [(e.start, e.end) for e in items]
        passages.append(
            Passage(
                n=n,
                article_id=article_id,
                outlet=outlet_name(article.source, article.url),
                published=article.published,
                title=article.title,
                url=article.url,
                text=_excerpt(article.text, ranges),
                key=tuple(e.text for e in items),
            )
        )
    return passages


def _excerpt(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text of (possibly overlapping) ranges, merged; gaps become an elision."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ELISION.join(text[s:e].strip() for s, e in merged)


def format_passages(passages: Sequence[Passage]) -> str:
    """The passages block of a prompt: each passage quoted between <passage> tags, its header
    line first; text inside that looks like a tag is defused, so no passage can close its own."""
    return "\n\n".join(
        f'<passage n="{p.n}">\n{_defuse(p.header())}\n{_defuse(_compact(p.text))}\n</passage>'
        for p in passages
    )


def _compact(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


_TAG = re.compile(r"<(\s*/?\s*passage)", re.IGNORECASE)


def _defuse(text: str) -> str:
    return _TAG.sub(r"‹\1", text)


def message_tokens(messages: Sequence[Mapping[str, str]], model: str) -> int:
    """Prompt tokens of chat messages for `model`, chat-format overhead included."""
    return _REPLY_OVERHEAD + sum(
        _MESSAGE_OVERHEAD + count_tokens(m["content"], model) for m in messages
    )


def pack_messages(
    system: Prompt,
    user: Prompt,
    values: Mapping[str, str],
    passages: Sequence[Passage],
    *,
    budget: int,
    model: str,
    renumber: bool = True,
) -> Packed:
    """System and user messages holding as many passages as fit in `budget` tokens, in order.

    A passage too long to fit whole is cut down to its most relevant sentences. With
    `renumber`, the passages that fit are numbered 1..n; otherwise they keep their numbers.
    """

    def messages(chosen: list[Passage]) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": system.render()},
            {"role": "user", "content": user.render(**values, passages=format_passages(chosen))},
        ]

    def numbered(chosen: list[Passage]) -> list[Passage]:
        return [replace(p, n=i) for i, p in enumerate(chosen, 1)] if renumber else chosen

    room = budget - message_tokens(messages([]), model) - _MARGIN
    chosen: list[Passage] = []
    for passage in passages:
        for version in _shorter_versions(passage):
            trial = numbered([*chosen, version])
            if count_tokens(format_passages(trial), model) <= room:
                chosen = trial
                break
    while chosen and message_tokens(messages(chosen), model) > budget:
        chosen = chosen[:-1]
    if len(chosen) < len(passages):
        log.debug("packed %d of %d passages into %d tokens", len(chosen), len(passages), budget)
    return Packed(messages(chosen), chosen)


def _shorter_versions(passage: Passage) -> Iterator[Passage]:
    """The whole passage, then its k most relevant sentences for k = all .. 1, in text order."""
    yield passage
    key = [s for s in passage.key if s in passage.text]
    for k in range(len(key), 0, -1):
        kept = sorted(key[:k], key=passage.text.find)
        text = ELISION.join(kept)
        if text != passage.text:
            yield replace(passage, text=text, key=tuple(key[:k]))
