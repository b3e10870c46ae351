"""The ledger's tables, and how a claim row maps to a `Claim` and back."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ingest.claims.gazetteer import Gazetteer
from ingest.claims.model import Claim
from ingest.claims.outlets import credited_outlet
from ingest.claims.stage import Stage
from ingest.core.schema import Article, QuotedItem, items_json, published_timestamp

COMPONENT = "ledger"
# Bump when extraction changes: every stored article is then read again on the next sync.
EXTRACTOR_VERSION = "15"

MIGRATIONS = [
    """
    CREATE TABLE ledger_articles (
        article_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        published_ts INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES ledger_articles(article_id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        person TEXT NOT NULL,
        person_key TEXT NOT NULL,
        stage TEXT NOT NULL,
        hedged INTEGER NOT NULL,
        modal INTEGER NOT NULL,
        from_club TEXT NOT NULL DEFAULT '',
        to_club TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        says TEXT NOT NULL DEFAULT '',
        clubs TEXT NOT NULL DEFAULT '[]',
        others TEXT NOT NULL DEFAULT '[]',
        context TEXT NOT NULL DEFAULT '[]',
        cue TEXT NOT NULL DEFAULT '',
        about TEXT NOT NULL DEFAULT 'move',
        main INTEGER NOT NULL DEFAULT 1,
        quoted_outlet TEXT NOT NULL DEFAULT '',
        quoted_url TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX claims_person ON claims(person_key);
    CREATE INDEX claims_article ON claims(article_id);
    CREATE TABLE ledger_people (
        article_id TEXT NOT NULL REFERENCES ledger_articles(article_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, name)
    );
    CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO ledger_meta (key, value) VALUES ('revision', '0');
    INSERT INTO ledger_meta (key, value) VALUES ('store_revision', '')
    """,
]


@dataclass(frozen=True)
class LedgerArticle:
    """What the ledger keeps of an article besides its claims."""

    article_id: str
    fingerprint: str
    title: str = ""
    url: str = ""
    source: str = ""
    published: str = ""
    published_ts: int = 0

    @classmethod
    def of(cls, article: Article) -> LedgerArticle:
        """The ledger's record of an article."""
        return cls(
            article.id,
            fingerprint(
                article.hash,
                article.title,
                article.url,
                article.source,
                article.published,
                items_json(article.items),
            ),
            article.title,
            article.url,
            article.source,
            article.published,
            published_timestamp(article.published),
        )


@dataclass(frozen=True)
class StoredClaim:
    """A claim with the article it comes from: its title, link, outlet and date."""

    claim: Claim
    article: LedgerArticle
    quoted_outlet: str = ""  # in a gossip column: the outlet the claim's item cites
    quoted_url: str = ""

    @property
    def ts(self) -> int:
        """The article's date in seconds since the epoch; 0 when unknown."""
        return self.article.published_ts

    def outlet(self, gaz: Gazetteer) -> str:
        """Who the claim is credited to: the item's or sentence's citation, else the article's."""
        a = self.article
        return credited_outlet(self.quoted_outlet, self.claim.says, a.source, a.url, gaz)


def fingerprint(
    text_hash: str, title: str, url: str, source: str, published: str, items: str = ""
) -> str:
    """What the claims of an article depend on: its text and attribution, and the extractor."""
    fields = (EXTRACTOR_VERSION, text_hash, title, url, source, published, items)
    return hashlib.sha256("\x00".join(fields).encode()).hexdigest()


def claim_row(article_id: str, c: Claim, item: QuotedItem | None = None) -> tuple[Any, ...]:
    """A claim as the values of its row (with the gossip item it sits in, if any)."""
    return (
        article_id,
        c.start,
        c.end,
        c.text,
        c.person,
        c.person_key,
        str(c.stage),
        int(c.hedged),
        int(c.modal),
        c.from_club,
        c.to_club,
        c.role,
        c.says,
        json.dumps(list(c.clubs)),
        json.dumps(list(c.others)),
        json.dumps(list(c.context)),
        c.cue,
        c.about,
        int(c.main),
        item.outlet if item else "",
        item.url if item else "",
    )


CLAIM_COLUMNS = (
    "article_id, start, end, text, person, person_key, stage, hedged, modal, from_club, to_club,"
    " role, says, clubs, others, context, cue, about, main, quoted_outlet, quoted_url"
)


def stored_claim(r: sqlite3.Row) -> StoredClaim:
    """A claim row joined with its article row."""
    claim = Claim(
        article_id=r["article_id"],
        start=r["start"],
        end=r["end"],
        text=r["text"],
        person=r["person"],
        stage=Stage(r["stage"]),
        hedged=bool(r["hedged"]),
        modal=bool(r["modal"]),
        from_club=r["from_club"],
        to_club=r["to_club"],
        role=r["role"],
        says=r["says"],
        clubs=tuple(json.loads(r["clubs"])),
        others=tuple(json.loads(r["others"])),
        context=tuple(json.loads(r["context"])),
        cue=r["cue"],
        about=r["about"],
        main=bool(r["main"]),
    )
    article = LedgerArticle(
        r["article_id"],
        r["fingerprint"],
        r["title"],
        r["url"],
        r["source"],
        r["published"],
        r["published_ts"],
    )
    return StoredClaim(claim, article, r["quoted_outlet"], r["quoted_url"])
