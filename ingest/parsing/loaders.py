"""Turn files (text, Markdown, HTML, JSON Lines) into Articles, reporting bad input per source."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.core.dates import normalize_published
from ingest.core.errors import ExtractionError, SourceError
from ingest.core.schema import Article, QuotedItem
from ingest.fetching.decode import html_source

log = logging.getLogger(__name__)

FILE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
_OPTIONAL_FIELDS = ("url", "source", "published", "author")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)
_SURROGATE = re.compile("[\ud800-\udfff]")  # a "\\ud800"-style escape with no pair: not text


@dataclass(frozen=True)
class Loaded:
    """One input item: an article, or the error that stopped it; notes for the report."""

    source: str
    article: Article | None = None
    error: SourceError | None = None
    notes: tuple[str, ...] = ()


def sample_articles_path() -> Path:
    """The bundled sample articles (JSON Lines)."""
    return Path(str(resources.files("ingest") / "samples" / "articles.jsonl"))


def is_dir(path: Path) -> bool:
    """Whether `path` is a directory; False when it cannot be one (a name too long, say)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def folder_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The supported files under `folder`, and a note for each link among them that leaves it."""
    root = folder.resolve()
    found: list[Path] = []
    skipped: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in FILE_SUFFIXES):
        target = path.resolve()
        if target.is_relative_to(root):
            found.append(path)
        else:
            skipped.append(f"{path}: skipped, a link to {target}, outside the folder")
            log.debug("skipped %s: a link out of %s", path, folder)
    return found, skipped


def expand_paths(paths: list[Path]) -> Iterator[Loaded | Path]:
    """Files to read: each path itself, or the supported files under a directory."""
    for path in paths:
        if is_dir(path):
            found, skipped = folder_files(path)
            if skipped:
                yield Loaded(str(path), notes=tuple(skipped))
            if not found:
                yield Loaded(str(path), error=SourceError(str(path), "no .txt, .md or .html files"))
            yield from found
        elif not _exists(path):
            yield Loaded(str(path), error=SourceError(str(path), "no such file or directory"))
        elif path.suffix.lower() in {".jsonl", ".ndjson"}:
            yield Loaded(
                str(path), error=SourceError(str(path), "JSON Lines files go after --jsonl")
            )
        elif path.suffix.lower() not in FILE_SUFFIXES:
            yield Loaded(
                str(path),
                error=SourceError(str(path), f"unsupported file type {path.suffix or '(none)'}"),
            )
        else:
            yield path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def load_file(path: Path) -> Article:
    """Read one .txt, .md or .html file as an article identified by its file URI."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(source, f"cannot read: {exc.strerror}") from exc
    uri = path.resolve().as_uri()
    if path.suffix.lower() in {".html", ".htm"}:
        from ingest.parsing.extract import extract_html

        # A saved page says its charset in <meta> or by a BOM, as it did when it was served.
        page = extract_html(html_source(raw, None), url=None, source=source)
        return Article(
            id=uri,
            title=page.title or path.stem,
            text=page.text,
            source=page.sitename,
            url=uri,
            published=page.date,
            author=page.author,
            origin=source,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(source, f"not UTF-8 text (byte {exc.start})") from exc
    title, body = _title_and_body(text)
    if not body.strip():
        raise ExtractionError(source, "the file is empty")
    return Article(id=uri, title=title or path.stem, text=body, url=uri, origin=source)


def _title_and_body(text: str) -> tuple[str, str]:
    """A leading Markdown heading, or a first line followed by a blank line, is the title."""
    lines = text.strip().splitlines()
    if not lines:
        return "", ""
    first = lines[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip(), "\n".join(lines[1:]).strip()
    if len(lines) > 2 and not lines[1].strip() and len(first) <= 200:
        return first, "\n".join(lines[2:]).strip()
    return "", text.strip()


def load_jsonl(path: Path, *, sample: bool = False) -> Iterator[Loaded]:
    """One article per line; a bad line is reported with its number and the rest go on."""
    source = str(path)
    try:
        # A byte that is not UTF-8 is read as a lone surrogate, so it fails its own line only.
        handle = path.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        yield Loaded(source, error=SourceError(source, f"cannot read: {exc.strerror}"))
        return
    empty = True
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            empty = False
            where = f"{source}:{number}"
            try:
                if bad := _UNDECODED.search(line):
                    byte = ord(bad.group()) - 0xDC00
                    raise SourceError(
                        where, f"not UTF-8 text (byte 0x{byte:02x} at column {bad.start() + 1})"
                    )
                notes: list[str] = []
                article = article_from_record(json.loads(line), where, sample, notes=notes)
                yield Loaded(where, article=article, notes=tuple(notes))
            except json.JSONDecodeError as exc:
                problem = f"invalid JSON ({_json_problem(exc)})"
                yield Loaded(where, error=SourceError(where, problem))
            except SourceError as exc:
                yield Loaded(where, error=exc)
    if empty:
        yield Loaded(source, error=SourceError(source, "the file is empty: no JSON lines to read"))


def _json_problem(exc: json.JSONDecodeError) -> str:
    """'Expecting value at column 7': json's message with the place it refers to."""
    message = exc.msg if exc.msg.endswith(" at") else f"{exc.msg} at"
    return f"{message} column {exc.colno}"


def _json_type(value: object) -> str:
    """What a JSON value is, in words: 'a number', 'a list'..."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def article_from_record(
    record: Any, where: str, sample: bool = False, *, notes: list[str] | None = None
) -> Article:
    """Validate one JSON Lines record: `title` and `text` required, a few optional fields.

    Warnings about the record (a date that could not be read) are added to `notes`.
    """
    if not isinstance(record, dict):
        raise SourceError(where, "each line must be a JSON object")
    for name in ("title", "text"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise SourceError(where, f"field {name!r} must be a string, not {_json_type(value)}")
    missing = [
        f for f in ("title", "text") if not isinstance(record.get(f), str) or not record[f].strip()
    ]
    if missing:
        raise SourceError(where, f"missing or empty required field(s): {', '.join(missing)}")
    fields: dict[str, str] = {}
    for name in ("id", *_OPTIONAL_FIELDS):
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str | int):
            raise SourceError(where, f"field {name!r} must be a string, not {_json_type(value)}")
        fields[name] = str(value).strip()
    for name, value in (("title", record["title"]), ("text", record["text"]), *fields.items()):
        if bad := _SURROGATE.search(value):
            raise SourceError(
                where,
                f"field {name!r} is not valid Unicode: a lone surrogate "
                f"(\\u{ord(bad.group()):04x}) at character {bad.start() + 1}",
            )
    published, problem = normalize_published(fields.get("published", ""))
    if problem and notes is not None:
        notes.append(f"{where}: {problem}")
    article = Article(
        id="",
        title=record["title"].strip(),
        text=record["text"].strip(),
        sample=sample or record.get("sample") is True,
        origin=where.rsplit(":", 1)[0],
        url=fields.get("url", ""),
        source=fields.get("source", ""),
        published=published,
        author=fields.get("author", ""),
    )
    article = replace(article, items=quoted_items(record.get("items"), article.text, where))
    article_id = fields.get("id") or fields.get("url") or f"sha256:{article.hash[:24]}"
    return _with_id(article, article_id)


def _with_id(article: Article, article_id: str) -> Article:
    return replace(article, id=article_id)


def quoted_items(items: Any, text: str, where: str) -> tuple[QuotedItem, ...]:
    """A gossip column's `items` (text, cited_outlet, cited_url) located in its article's text.

    Each item spans from its text to the end of its paragraph, where the column names the outlet.
    An item whose text is not in the article is left out.
    """
    if items is None:
        return ()
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise SourceError(where, "field 'items' must be a list of objects")
    found: list[QuotedItem] = []
    at = 0
    for item in items:
        said, outlet, url = (item.get(k) or "" for k in ("text", "cited_outlet", "cited_url"))
        if not all(isinstance(v, str) for v in (said, outlet, url)):
            raise SourceError(where, "each item's text, cited_outlet and cited_url must be strings")
        start = text.find(said.strip(), at) if said.strip() else -1
        if start < 0:
            log.debug("%s: an item is not in the article's text", where)
            continue
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        found.append(QuotedItem(start, end, outlet.strip(), url.strip()))
        at = end
    return tuple(found)


def count_records(path: Path) -> int | None:
    """How many non-blank lines (articles) a JSON Lines file has; None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None
