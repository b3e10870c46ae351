"""Chunking: token limits, exact spans, stable content-derived ids; sentence splitting."""

from __future__ import annotations

import itertools
from functools import partial
from pathlib import Path

import pytest

from ingest.core.schema import Article
from ingest.core.settings import ChunkConfig
from ingest.core.text.sentences import split_sentences
from ingest.core.text.tokens import count_tokens
from ingest.index.opening import open_index
from ingest.pipeline.chunking import chunk_article
from ingest.pipeline.ingestor import Ingestor
from tests.support.helpers import make_settings

count = partial(count_tokens, model="gpt-4o-mini")

ARTICLE = Article(
    id="a1",
    title="Talks continue",
    source="Test Gazette",
    url="https://example.org/a1",
    published="2024-05-01",
    text=(
        "Mr. Smith said Utd. would bid £3.5m for the striker. He could join next week.\n\n"
        + " ".join(
            f"Sentence number {i} says the club is monitoring the defender closely."
            for i in range(60)
        )
        + "\n\nA final paragraph mentions the manager, who declined to comment."
    ),
)


def test_chunks_respect_the_token_limit_and_map_back_exactly() -> None:
    config = ChunkConfig(max_tokens=64, overlap_tokens=12)
    chunks = chunk_article(ARTICLE, count, config)
    assert len(chunks) > 5
    for chunk in chunks:
        assert count(chunk.text) <= 64
        assert ARTICLE.text[chunk.start : chunk.end] == chunk.text
        assert chunk.article_id == "a1"
        assert (chunk.title, chunk.source, chunk.url, chunk.published) == (
            "Talks continue",
            "Test Gazette",
            "https://example.org/a1",
            "2024-05-01",
        )
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_chunks_cover_the_whole_text_with_a_little_overlap() -> None:
    chunks = chunk_article(ARTICLE, count, ChunkConfig(max_tokens=64, overlap_tokens=16))
    assert chunks[0].start == 0
    assert chunks[-1].end == len(ARTICLE.text)
    overlaps = 0
    for before, after in itertools.pairwise(chunks):
        assert after.start <= before.end + 2, "no text may fall between chunks"
        assert after.start > before.start, "chunks advance"
        overlaps += after.start < before.end
    assert overlaps > 0


def test_chunks_end_on_sentence_boundaries() -> None:
    for chunk in chunk_article(ARTICLE, count, ChunkConfig(max_tokens=64, overlap_tokens=0)):
        assert chunk.text.rstrip()[-1] in ".!?", chunk.text[-40:]


def test_a_sentence_longer_than_the_limit_is_split_at_words() -> None:
    long = Article(id="long", title="t", text=" ".join(["transfer"] * 500) + ".")
    chunks = chunk_article(long, count, ChunkConfig(max_tokens=40, overlap_tokens=0))
    assert len(chunks) > 5
    assert all(count(c.text) <= 40 for c in chunks)
    assert all(long.text[c.start : c.end] == c.text for c in chunks)


def test_ids_are_stable_and_content_derived() -> None:
    config = ChunkConfig(max_tokens=64, overlap_tokens=12)
    first = [c.id for c in chunk_article(ARTICLE, count, config)]
    again = [c.id for c in chunk_article(ARTICLE, count, config)]
    assert first == again
    assert len(set(first)) == len(first)
    edited = Article(id="a1", title=ARTICLE.title, text=ARTICLE.text.replace("final", "closing"))
    changed = [c.id for c in chunk_article(edited, count, config)]
    assert changed[:-1] == first[:-1]
    assert changed[-1] != first[-1]


def test_invalid_config_is_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        ChunkConfig(max_tokens=64, overlap_tokens=40)


def test_sentence_splitter_handles_abbreviations_and_quotes() -> None:
    text = 'Mr. Smith met Dr. Jones in St. Albans. "He could sign," a source said! Is it true? Yes.'
    assert split_sentences(text) == [
        "Mr. Smith met Dr. Jones in St. Albans.",
        '"He could sign," a source said!',
        "Is it true?",
        "Yes.",
    ]


def test_paragraph_breaks_always_split() -> None:
    assert split_sentences("Arsenal are interested (Sun)\n\nChelsea are not") == [
        "Arsenal are interested (Sun)",
        "Chelsea are not",
    ]


def test_letters_without_a_decomposition_fold_to_ascii() -> None:
    from ingest.core.text.folding import tokenize

    assert tokenize("Højlund, Ødegaard, Łukasz, Großkreutz, Güler") == tokenize(
        "Hojlund, Odegaard, Lukasz, Grosskreutz, Guler"
    )


def test_a_text_over_the_cap_is_cut_at_a_space_and_the_report_says_so(
    tmp_path: Path, local_embedder
) -> None:
    settings = make_settings(tmp_path, article_max_chars=1_000)
    ingestor = Ingestor.for_index(open_index(settings, embedder=local_embedder))
    long = Article(id="long", title="Long read", text=ARTICLE.text * 3)
    short = Article(id="short", title="Short", text="Kane has signed a new deal at Spurs.")
    report = ingestor.ingest([long, short])
    assert report.new == 2
    stored = ingestor.store.get_article("long")
    assert stored is not None and 900 < len(stored.text) <= 1_000
    assert long.text.startswith(stored.text) and long.text[len(stored.text)] == " "
    note = f"long: text cut to its first {len(stored.text):,} of {len(long.text):,} characters"
    assert report.to_json()["notes"] == [f"{note} (RUMOUR_ARTICLE_MAX_CHARS)"]
    assert max(c.end for c in ingestor.store.all_chunks() if c.article_id == "long") <= 1_000
    again = ingestor.ingest([long, short])  # the same cut: nothing to store again
    assert (again.unchanged, again.embeddings) == (2, 0)
