"""Follow-ups in a thread: made standalone from the words of the two questions; bounded memory."""

from __future__ import annotations

import pytest

from bot.answering.followup import ThreadMemory, looks_like_question, needs_context, resolve


@pytest.mark.parametrize(
    ("previous", "followup", "standalone"),
    [
        # a club replaces the earlier question's club; the person and the move stay
        ("Is Kane joining Manchester City?", "what about chelsea?", "Is Kane joining Chelsea?"),
        ("Is Kane joining Man City?", "and Man Utd too?", "Is Kane joining Manchester United?"),
        ("did liverpool land morientes in the end", "what about newcastle?",
         "Did Newcastle United land morientes in the end?"),
        ("Vokes to Burnley?", "what about Wycombe?", "Vokes to Wycombe Wanderers?"),
        # no club before: the club goes where the move leads
        ("Is Kroos joining Klopp's staff?", "what about Chelsea?", "Is Kroos joining Chelsea?"),
        # a name replaces the person
        ("Are Chelsea after Harry Kane?", "and sterling?", "Are Chelsea after Sterling?"),
        ("Is Kroos joining Klopp's staff?", "what about Modric?",
         "Is Modric joining Klopp's staff?"),
        # "his" and "he" are the person, "they" the club
        ("Is Kroos joining Klopp's staff?", "and his fee?",
         "Kroos's fee — is Kroos joining Klopp's staff?"),
        ("Is Kane joining Chelsea?", "is he having a medical?", "Is Kane having a medical?"),
        ("Are Chelsea after Harry Kane?", "will they pay 100m?", "Will Chelsea pay 100m?"),
        ("Are Chelsea after Harry Kane?", "what about him?", "Are Chelsea after Harry Kane?"),
        # anything else is asked about the earlier question
        ("Is Kane joining Manchester City?", "and the wages?",
         "The wages — is Kane joining Manchester City?"),
        ("Is Kane joining Manchester City?", "when?", "When — is Kane joining Manchester City?"),
        ("Is Kane joining Manchester City?", "is it true?", "Is Kane joining Manchester City?"),
        # a question of its own is asked as it is
        ("Is Kane joining Chelsea?", "and is Modric joining Real Madrid",
         "Is Modric joining Real Madrid?"),
    ],
)
def test_a_follow_up_becomes_a_standalone_question(
    previous: str, followup: str, standalone: str
) -> None:
    assert resolve(followup, previous) == standalone


def test_without_an_earlier_question_the_text_is_kept() -> None:
    assert resolve("  what about   chelsea? ", None) == "what about chelsea?"
    assert resolve("what about", "Is Kane joining Chelsea?") == "Is Kane joining Chelsea?"


def test_which_questions_lean_on_an_earlier_one() -> None:
    assert needs_context("what about chelsea?") and needs_context("and his fee?")
    assert needs_context("Is he staying?")
    assert not needs_context("is Kane joining Chelsea?") and not needs_context("Kane to Spurs?")


def test_what_counts_as_addressed_to_the_bot_in_its_thread() -> None:
    assert looks_like_question("what about chelsea?") and looks_like_question("and his fee")
    assert looks_like_question("is he staying")
    assert not looks_like_question("lol no chance") and not looks_like_question("")


def test_thread_memory_keeps_the_last_question_until_it_expires() -> None:
    memory = ThreadMemory(ttl_seconds=24 * 3600)
    memory.remember(1, "Is Kane joining Manchester City?", at=1000.0)
    memory.remember(1, "Is Kane joining Chelsea?", at=2000.0)
    assert memory.last(1, at=2000.0 + 24 * 3600) == "Is Kane joining Chelsea?"
    assert memory.last(2, at=2000.0) is None
    assert memory.last(1, at=2001.0 + 24 * 3600) is None  # a day after the thread's last question
    assert not memory.knows(1)


def test_thread_memory_is_bounded() -> None:
    memory = ThreadMemory(ttl_seconds=60, max_threads=3, max_turns=2)
    for thread in range(5):
        for turn in range(4):
            memory.remember(thread, f"question {thread}.{turn}", at=float(turn))
    assert len(memory) == 3 and not memory.knows(0) and not memory.knows(1)
    assert memory.last(4, at=3.0) == "question 4.3"
    assert len(memory._threads[4]) == 2  # only the newest turns of a thread
    memory.last(2, at=3.0)  # reading does not count as use; remembering does
    memory.remember(2, "again", at=4.0)
    memory.remember(5, "new", at=4.0)
    assert memory.knows(2) and not memory.knows(3)


def test_a_rewrite_too_long_to_ask_gives_way_to_the_follow_up() -> None:
    previous = "Is Kane joining Manchester City " + "and " * 115 + "?"  # 493 characters
    assert resolve("and the wages?", previous, max_chars=500) == "and the wages?"
