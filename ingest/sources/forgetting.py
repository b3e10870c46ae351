"""What forgetting a source or an article removes, keeps and excludes.

An article stays when another registered source still owns it (a URL added by hand, or a feed
that lists it); it then belongs to that source. An article that goes is excluded from every
remaining feed that lists it, so the next refresh does not bring it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ingest.core.errors import NotFoundError
from ingest.index.records import ArticleRecord
from ingest.index.store import StoreWriter
from ingest.sources.registry import SourceEntry, match_key, spellings


@dataclass(frozen=True)
class ForgetResult:
    """What `forget` removed."""

    source: str
    articles: int
    chunks: int


@dataclass
class ForgetPlan:
    """The articles to delete, to hand to another source, and to stop listing a URL."""

    key: str  # the source, article id or URL forgotten
    doomed: list[ArticleRecord] = field(default_factory=list)
    kept: list[tuple[ArticleRecord, str]] = field(default_factory=list)  # (record, new origin)
    aliased: list[ArticleRecord] = field(default_factory=list)  # only list `key` as a copy


def plan_forget(
    target: str, entries: dict[str, SourceEntry], records: dict[str, ArticleRecord]
) -> ForgetPlan:
    """Plan forgetting `target`, removing its registry entry from `entries`."""
    origins = {r.origin: r for r in records.values() if r.origin}
    key = match_key(target, entries) or match_key(target, origins)
    if key is not None:
        entry = entries.pop(key, None)
        plan = ForgetPlan(key)
        own = {key} | ({entry.article_id} if entry and entry.kind == "url" else set())
        for record in records.values():
            if key in record.also_urls and key not in (record.origin, record.id):
                plan.aliased.append(record)
            elif key in (record.origin, record.id):
                holder = None if record.id in own else owner_of(record.id, entries)
                if holder is None:
                    plan.doomed.append(record)
                else:
                    plan.kept.append((record, holder))
        return plan
    article_id = match_key(target, records)
    if article_id is not None:
        record = records[article_id]
        owner = entries.get(record.origin)
        if owner and owner.kind == "url" and owner.article_id == article_id:
            entries.pop(record.origin)
        return ForgetPlan(article_id, doomed=[record])
    url = spellings(target)[-1]
    aliased = [r for r in records.values() if url in r.also_urls]
    if not aliased:
        raise NotFoundError(
            f"Nothing to forget: {target!r} is not a source, an article id or the URL of a "
            "stored article. `rumour sources` lists the sources."
        )
    return ForgetPlan(url, aliased=aliased)


def owner_of(article_id: str, entries: dict[str, SourceEntry]) -> str | None:
    """A registered source that holds `article_id`: a URL added by hand first, else a feed."""
    for key in sorted(entries):
        entry = entries[key]
        if entry.kind == "url" and entry.article_id == article_id:
            return key
    for key in sorted(entries):
        if entries[key].kind == "feed" and article_id in feed_article_ids(entries[key]):
            return key
    return None


def feed_article_ids(entry: SourceEntry) -> set[str]:
    """The articles a feed's entries were stored as."""
    return {seen["id"] for seen in entry.seen.values() if seen.get("id")}


def exclude_from_feeds(entries: dict[str, SourceEntry], doomed: list[ArticleRecord]) -> None:
    """Stop every remaining feed that lists a forgotten article from bringing it back."""
    for entry in entries.values():
        if entry.kind != "feed":
            continue
        listed = feed_article_ids(entry) | set(entry.seen)
        for record in doomed:
            mine = record.origin == entry.source or record.id in listed
            if mine and record.id not in entry.excluded:
                entry.excluded.append(record.id)


def reassign(store: StoreWriter, record: ArticleRecord, origin: str) -> None:
    """Hand an article to another source that holds it."""
    article = store.get_article(record.id)
    if article is not None:
        store.put_article(replace(article, origin=origin), record.chunks)


def drop_alias(store: StoreWriter, record: ArticleRecord, url: str) -> None:
    """Stop listing `url` among the article's other URLs."""
    article = store.get_article(record.id)
    if article is not None:
        also = tuple(u for u in article.also_urls if u != url)
        store.put_article(replace(article, also_urls=also), record.chunks)
