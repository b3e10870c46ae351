"""Progress of a run: articles done of a total that grows as feeds are read."""

from __future__ import annotations

from ingest.sources.progress import Step, Tracker


def test_a_run_counts_articles_and_learns_a_feed_s_size_when_it_is_read() -> None:
    steps: list[Step] = []
    tracker = Tracker(steps.append, [100, None, 1])  # a JSON Lines file, a feed, a page
    tracker.begin(0, "/data/gossip.jsonl")
    tracker.reading("/data/gossip.jsonl:1")
    tracker.stored(64)
    tracker.stored(30)  # six bad lines never reach the store...
    tracker.end()  # ...but the file is done
    tracker.begin(1, "https://f.example/rss")
    tracker.expect(40)
    tracker.stored(40)
    tracker.end()
    tracker.begin(2, "https://e.example/a")
    tracker.end()
    tracker.finish()

    assert steps[0] == Step("/data/gossip.jsonl", 0, 3, 0, 101)
    assert steps[1] == Step("/data/gossip.jsonl:1", 0, 3, 0, 101)
    assert Step("https://f.example/rss", 1, 3, 100, 141) in steps  # the feed, once read
    assert steps[-1] == Step("done", 3, 3, 141, 141)
    assert [s.articles_done for s in steps] == sorted(s.articles_done for s in steps)


def test_nobody_watching_costs_nothing() -> None:
    tracker = Tracker(None, [None])
    tracker.begin(0, "x")
    tracker.stored(3)
    tracker.end()
    tracker.finish()
