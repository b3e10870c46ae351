"""A gossip column's `items`: located in the text, stored with the article, read back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.core.errors import SourceError
from ingest.core.schema import Article, QuotedItem
from ingest.index.opening import open_index
from ingest.parsing.loaders import article_from_record, load_jsonl
from ingest.pipeline.ingestor import Ingestor
from ingest.sources.runner import ingest_files
from tests.support.helpers import make_settings

ITEMS = [
    {
        "item_id": 1,
        "text": "Liverpool have made an approach for Marseille centre-back Duje Caleta-Car, 24.",
        "cited_outlet": "www.dailymail.co.uk",
        "cited_url": "https://www.dailymail.co.uk/sport/football/article-1/caleta-car.html",
    },
    {
        "item_id": 2,
        "text": "Leicester are set to make a late loan move for Ainsley Maitland-Niles. "
        "Southampton are also interested in the 23-year-old.",
        "cited_outlet": "www.mirror.co.uk",
        "cited_url": "https://www.mirror.co.uk/sport/football/maitland-niles-2",
    },
]
COLUMN = {
    "id": "gossip-2021-02-01",
    "title": "BBC Sport football gossip column, 1 February 2021",
    "source": "BBC Sport (gossip column)",
    "published": "2021-02-01",
    "url": "https://www.bbc.com/sport/55882192",
    "text": "\n\n".join(f"{i['text']} ({i['cited_outlet']})" for i in ITEMS),
    "items": ITEMS,
}


def test_each_item_spans_its_paragraph_with_its_outlet_and_link() -> None:
    article = article_from_record(COLUMN, "gossip.jsonl:1")
    first, second = article.items
    assert article.text[first.start : first.end].endswith("24. (www.dailymail.co.uk)")
    assert (first.outlet, first.url) == (ITEMS[0]["cited_outlet"], ITEMS[0]["cited_url"])
    sentence = article.text.index("Southampton are also interested")
    assert article.item_at(sentence) == second and second.outlet == "www.mirror.co.uk"
    assert article.item_at(len(article.text) + 5) is None


def test_items_not_in_the_text_are_left_out_and_bad_items_are_named() -> None:
    record = {**COLUMN, "items": [*ITEMS, {"text": "A story the text never tells."}]}
    assert len(article_from_record(record, "g.jsonl:1").items) == 2
    for bad in ("not a list", [1, 2], [{"text": 5}]):
        with pytest.raises(SourceError, match=r"g\.jsonl:3: .*(items|strings)"):
            article_from_record({**COLUMN, "items": bad}, "g.jsonl:3")
    assert article_from_record({k: v for k, v in COLUMN.items() if k != "items"}, "x").items == ()


def test_items_are_stored_with_the_article_and_added_later_without_re_embedding(
    tmp_path: Path, local_embedder
) -> None:
    ingestor = Ingestor.for_index(open_index(make_settings(tmp_path), embedder=local_embedder))
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({k: v for k, v in COLUMN.items() if k != "items"}) + "\n")
    first = ingest_files(ingestor, jsonl=[plain])
    assert first.new == 1 and ingestor.store.get_article(COLUMN["id"]).items == ()

    with_items = tmp_path / "gossip.jsonl"
    with_items.write_text(json.dumps(COLUMN) + "\n")
    again = ingest_files(ingestor, jsonl=[with_items])
    assert (again.updated, again.embeddings) == (1, 0)  # metadata only: nothing re-embedded
    stored = ingestor.store.get_article(COLUMN["id"])
    assert stored is not None
    assert stored.items == next(load_jsonl(with_items)).article.items
    assert ingest_files(ingestor, jsonl=[with_items]).unchanged == 1


def test_an_article_without_items_keeps_its_fingerprint() -> None:
    article = Article(id="a", title="t", text="x", source="s", url="https://e.example/a")
    with_items = Article(
        id="a", title="t", text="x", source="s", url="https://e.example/a",
        items=(QuotedItem(0, 1, "www.mirror.co.uk", "https://www.mirror.co.uk/a"),),
    )
    assert article.meta_hash != with_items.meta_hash
    # the fingerprint it had before articles could carry items: stored articles stay unchanged
    assert article.meta_hash == "752a2df83d39e3b666887c3b6ec47662095cfb637920ffc25e42546cf3e3dac5"
