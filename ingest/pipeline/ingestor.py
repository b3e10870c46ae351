"""Chunk, embed and store articles, touching only what changed, and report what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice

from ingest.core.schema import Article, Chunk, content_hash, normalize_text
from ingest.core.settings import ChunkConfig
from ingest.core.text.tokens import count_tokens
from ingest.fetching.urls import loggable
from ingest.index.embedders import Embedder
from ingest.index.opening import Index
from ingest.index.store import StoreWriter
from ingest.ledger.writer import LedgerWriter
from ingest.pipeline.chunking import TokenCounter, capped_text, chunk_article
from ingest.pipeline.report import IngestReport

log = logging.getLogger(__name__)

_ARTICLES_PER_BATCH = 64
# Shorter texts (a feed's one-line summary, say) say nothing about syndication.
MIN_SYNDICATED_CHARS = 200

Journal = Callable[[Sequence[str]], None]  # told the articles a write is about to change


@dataclass(frozen=True)
class _Plan:
    article: Article
    status: str  # "new" or "updated"
    to_embed: list[Chunk]
    to_update: list[Chunk]
    stale: set[str]


@dataclass(frozen=True)
class _Batch:
    latest: dict[str, Article]  # the batch's articles by id (a repeated id: the last one)
    plans: list[_Plan]
    embeddings: list[list[float]]


@dataclass(frozen=True)
class _Writing:
    """A batch being written on the writer thread."""

    future: Future[None]
    ids: frozenset[str]
    size: int  # articles the batch handled, for `on_batch`

    def wait(self, on_batch: Callable[[int], None] | None) -> None:
        self.future.result()
        if on_batch:
            on_batch(self.size)


class Ingestor:
    """Writes articles into the store; the only writer the app has."""

    def __init__(
        self,
        store: StoreWriter,
        embedder: Embedder,
        count_tokens: TokenCounter,
        config: ChunkConfig,
        ledger: LedgerWriter | None = None,
        *,
        journal: Journal | None = None,
        max_chars: int | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.count_tokens = count_tokens
        self.config = config
        self.ledger = ledger  # the claims of every stored article, kept beside the store
        self.journal = journal  # what a sweep after a crash looks at, and nothing else
        self.max_chars = max_chars  # text taken from one article (RUMOUR_ARTICLE_MAX_CHARS)

    @classmethod
    def for_index(
        cls, index: Index, ledger: LedgerWriter | None = None, *, journal: Journal | None = None
    ) -> Ingestor:
        """The ingestor that writes into `index` (and its claims into `ledger`)."""
        settings = index.settings
        counter = partial(count_tokens, model=settings.chat_model)
        return cls(
            index.writer,
            index.embedder,
            counter,
            settings.chunking,
            ledger,
            journal=journal,
            max_chars=settings.article_max_chars,
        )

    def ingest(
        self,
        articles: Iterable[Article],
        *,
        syndication: bool = False,
        on_batch: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Store new and changed articles; unchanged ones cost no embedding and no write.

        With `syndication`, an article whose text is already stored under another id is not
        stored again: its URLs are added to that article's `also_urls` instead. `on_batch` is
        told how many articles each batch handled, once the batch is written.
        """
        report = IngestReport()
        articles = (self._capped(article, report) for article in articles)
        # Batch n is written by one thread while batch n+1 is planned and embedded here; a batch
        # that shares an article with the one being written (or looks for syndicated copies)
        # waits for that write first, so every plan sees what it depends on. The lexical index
        # is saved once, after every batch.
        with self.store.updating(), ThreadPoolExecutor(1, "ingest-write") as writer:
            writing: _Writing | None = None
            for batch in _batches(articles, _ARTICLES_PER_BATCH):
                if writing and (syndication or writing.ids & {a.id for a in batch}):
                    writing.wait(on_batch)
                    writing = None
                merged = self._merge_copies(batch, report) if syndication else batch
                planned = self._ingest_batch(merged, report)
                if writing:
                    writing.wait(on_batch)
                future = writer.submit(self._write, planned, report)
                writing = _Writing(future, frozenset(planned.latest), len(batch))
            if writing:
                writing.wait(on_batch)
        return report

    def _capped(self, article: Article, report: IngestReport) -> Article:
        """`article` with its text cut to `max_chars`, and a note saying so."""
        if self.max_chars is None or len(article.text) <= self.max_chars:
            return article
        text = capped_text(article.text, self.max_chars)
        report.notes.append(
            f"{article.id}: text cut to its first {len(text):,} of {len(article.text):,} "
            "characters (RUMOUR_ARTICLE_MAX_CHARS)"
        )
        return replace(article, text=text)

    def _ingest_batch(self, batch: list[Article], report: IngestReport) -> _Batch:
        """Plan and embed a batch, and count it; `_write` stores it."""
        latest = {a.id: a for a in batch}  # a repeated id within a batch: the last one wins
        stored = self.store.article_fingerprints(list(latest))
        # The record alone is no proof: another process sharing the store may have lost chunks.
        incomplete = self.store.incomplete_articles(list(stored))
        plans: list[_Plan] = []
        for article in latest.values():
            known = stored.get(article.id)
            if known is None:
                plans.append(self._plan(article, "new"))
                continue
            if known[0] == article.hash:
                if known[1] == article.meta_hash and article.id not in incomplete:
                    report.unchanged += 1
                    continue
                if article.id in incomplete:
                    report.notes.append(
                        f"{article.id}: its stored chunks did not match its record; stored again"
                    )
                    log.debug("%s: stored chunks do not match the record", loggable(article.id))
                # Only metadata changed: same chunk ids, so chunks are updated, not re-embedded.
                article = self._with_stored_urls(article)
            plans.append(self._plan(article, "updated"))
        texts = [c.text for plan in plans for c in plan.to_embed]
        embeddings = self.embedder.embed(texts) if texts else []
        for plan in plans:
            report.embeddings += len(plan.to_embed)
            report.chunks_added += len(plan.to_embed)
            report.chunks_removed += len(plan.stale)
            if plan.status == "new":
                report.new += 1
            else:
                report.updated += 1
            count = len(plan.to_embed) + len(plan.to_update)
            log.debug("%s %s: %d chunks", plan.status, loggable(plan.article.id), count)
        return _Batch(latest, plans, embeddings)

    def _write(self, batch: _Batch, report: IngestReport) -> None:
        """Store a planned batch, then the claims of its articles."""
        self._apply(batch.plans, batch.embeddings)
        if self.ledger is not None:
            # After the store: a claim never outlives its article. Unchanged articles are
            # checked too, so a run that stopped between the two writes is completed here.
            stored = [self._stored_form(a, batch.plans) for a in batch.latest.values()]
            change = self.ledger.record(stored)
            report.claim_articles += change.extracted
            report.claims += change.claims

    def _with_stored_urls(self, article: Article) -> Article:
        """`article` keeping the other URLs already recorded for it (syndicated copies)."""
        stored = self.store.get_article(article.id)
        if stored is None:
            return article
        own = {article.id, article.url}
        urls = (u for u in (*article.also_urls, *stored.also_urls) if u not in own)
        return replace(article, also_urls=tuple(dict.fromkeys(urls)))

    def _plan(self, article: Article, status: str) -> _Plan:
        chunks = chunk_article(article, self.count_tokens, self.config)
        existing = self.store.chunk_ids(article.id)
        unique = list({c.id: c for c in chunks}.values())
        return _Plan(
            article=article,
            status=status,
            to_embed=[c for c in unique if c.id not in existing],
            to_update=[c for c in unique if c.id in existing],
            stale=existing - {c.id for c in unique},
        )

    def _apply(self, plans: list[_Plan], embeddings: list[list[float]]) -> None:
        """Write a batch: new chunks, then article records (the commit marks), then stale chunks.

        A run stopped anywhere in between leaves chunks no committed record accounts for;
        `sweep` removes them, and running the same input again completes the batch.
        """
        if not plans:
            return
        self._journal([plan.article.id for plan in plans])
        new = [chunk for plan in plans for chunk in plan.to_embed]
        self.store.put_chunks(new, embeddings)
        log.debug("wrote %d new chunks of %d articles", len(new), len(plans))
        self.store.update_chunks([chunk for plan in plans for chunk in plan.to_update])
        self.store.put_articles(
            [(plan.article, len(plan.to_embed) + len(plan.to_update)) for plan in plans]
        )
        self.store.delete_chunks([chunk_id for plan in plans for chunk_id in plan.stale])

    def forget(self, article_id: str) -> int:
        """Remove one article, its chunks and its claims; returns how many chunks were removed."""
        self._journal([article_id])
        removed = self.store.delete_article(article_id)
        if self.ledger is not None:
            self.ledger.remove([article_id])
        return removed

    @staticmethod
    def _stored_form(article: Article, plans: list[_Plan]) -> Article:
        """The article as it was stored (with the URLs kept from its stored record)."""
        return next((p.article for p in plans if p.article.id == article.id), article)

    def _journal(self, article_ids: Sequence[str]) -> None:
        if self.journal is not None:
            self.journal(article_ids)

    def _merge_copies(self, batch: list[Article], report: IngestReport) -> list[Article]:
        """Drop articles whose text is stored (or earlier in the batch) under another id."""
        stored = self.store.article_hashes(list(dict.fromkeys(a.id for a in batch)))
        kept: list[Article] = []
        by_text: dict[str, int] = {}  # text hash -> position in `kept`
        for article in batch:
            if stored.get(article.id) == article.hash or (
                len(normalize_text(article.text)) < MIN_SYNDICATED_CHARS
            ):
                kept.append(article)
                continue
            text_hash = content_hash(article.text)
            if text_hash in by_text and kept[by_text[text_hash]].id != article.id:
                first = kept[by_text[text_hash]]
                kept[by_text[text_hash]] = with_urls_of(first, article)
                self._count_copy(article, first.id, report, was_stored=False)
                continue
            record = self.store.find_by_text_hash(text_hash)
            original = self.store.get_article(record.id) if record else None
            if record is None or original is None or record.id == article.id:
                by_text[text_hash] = len(kept)
                kept.append(article)
                continue
            merged = with_urls_of(original, article)
            if merged.also_urls != original.also_urls:
                self.store.put_article(merged, record.chunks)
            removed = self.forget(article.id) if article.id in stored else 0
            report.chunks_removed += removed
            self._count_copy(article, record.id, report, was_stored=article.id in stored)
        return kept

    @staticmethod
    def _count_copy(
        article: Article, original: str, report: IngestReport, was_stored: bool
    ) -> None:
        report.aliases[article.id] = original
        if was_stored:
            report.updated += 1
        else:
            report.unchanged += 1
        report.notes.append(f"{article.id}: same text as {original}; recorded as another URL of it")
        log.info("%s is a copy of %s", loggable(article.id), loggable(original))

    def sweep(self, article_ids: Iterable[str]) -> SweepResult:
        """Finish what an interrupted write left of the articles it journaled, and nothing else.

        Writes go chunks, then the article record, then stale-chunk deletes; deletes go chunks
        first. So a committed record always has at least its own chunks stored, and any other
        state is a run that stopped part-way. Articles outside `article_ids` are not looked at:
        another process sharing the store may be writing them right now.
        """
        with self.store.updating():
            return self._sweep(article_ids)

    def _sweep(self, article_ids: Iterable[str]) -> SweepResult:
        result = SweepResult()
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), _ARTICLES_PER_BATCH):
            part = ids[start : start + _ARTICLES_PER_BATCH]
            records = self.store.records(part)
            stored = self.store.chunk_ids_of(part)
            for article_id in part:
                chunk_ids = stored.get(article_id, set())
                record = records.get(article_id)
                if record is None:
                    self.store.delete_chunks(chunk_ids)
                    result.orphans += len(chunk_ids)
                elif len(chunk_ids) < record.chunks:
                    result.stale += self.store.delete_article(article_id)
                    result.articles += 1
                elif len(chunk_ids) > record.chunks:
                    result.stale += self._drop_stale(article_id, chunk_ids)
        if result.orphans or result.stale or result.articles:
            log.warning(
                "cleaned up after an interrupted run: %d orphan chunks, %d stale chunks, "
                "%d half-deleted articles",
                result.orphans,
                result.stale,
                result.articles,
            )
        return result

    def _drop_stale(self, article_id: str, ids: set[str]) -> int:
        article = self.store.get_article(article_id)
        if article is None:
            return 0
        expected = {c.id for c in chunk_article(article, self.count_tokens, self.config)}
        if not expected <= ids:  # chunked with other settings: nothing here is provably stale
            log.warning("left %s alone: its chunks do not match the chunking", loggable(article_id))
            return 0
        self.store.delete_chunks(ids - expected)
        return len(ids - expected)


@dataclass
class SweepResult:
    """What a sweep removed."""

    orphans: int = 0  # chunks of articles that were never committed
    stale: int = 0  # chunks an update or delete should have removed
    articles: int = 0  # article records whose delete had begun


def with_urls_of(article: Article, copy: Article) -> Article:
    """`article` with the URLs under which `copy` (the same text) was found added to also_urls."""
    known = {article.id, article.url, *article.also_urls}
    extra = [u for u in (copy.url, copy.id, *copy.also_urls) if u and u not in known]
    return replace(article, also_urls=(*article.also_urls, *dict.fromkeys(extra)))


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
