"""The LLM writers: a verified answer (or round-up) from numbered passages, else extractive."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.answering.answer import VERDICT_LINES, Answer, Citation, Verdict
from bot.answering.certainty import Certainty
from bot.answering.extractive import ExtractiveComposer, conflict_line
from bot.answering.findings import Finding
from bot.answering.llm import ChatModel, GenerationError
from bot.answering.prompting import (
    ELISION,
    Passage,
    Prompt,
    Quoted,
    build_passages,
    pack_messages,
)
from bot.answering.retrieval import Hit
from bot.answering.verifier.reply import cut_to_fit, renumber
from bot.answering.verifier.verify import Verified, covers, verify
from ingest.claims.gazetteer import Gazetteer
from ingest.core.schema import Article
from ingest.index.store import StoreReader

log = logging.getLogger(__name__)

UNAVAILABLE_NOTE = "The language model was unavailable, so this answer quotes the sources directly."
UNGROUNDED_NOTE = (
    "The language model's answer did not hold up against the sources, "
    "so this answer quotes them directly."
)
UNAVAILABLE_SUMMARY_NOTE = (
    "The language model was unavailable, so this round-up quotes the sources directly."
)
UNGROUNDED_SUMMARY_NOTE = (
    "The language model's round-up did not hold up against the sources, "
    "so this round-up quotes them directly."
)
ANSWER_PROMPTS = ("answer_system", "answer_user")
SUMMARY_PROMPTS = ("summary_system", "summary_user")
MAX_ANSWER_CHARS = 1500  # a Discord message holds 2000, and the sources are listed below
MAX_SUMMARY_CHARS = 1800
ANSWER_MAX_TOKENS = 400
MAX_PASSAGES = 6  # articles whose claims the model is shown
SUMMARY_MAX_TOKENS = 700
SUMMARY_COVER = 0.5  # share of the rumour lines a verified round-up must still speak of


class SummaryItemLike(Protocol):
    """One extractive rumour line: its text (no [n] markers), certainty and citation numbers."""

    @property
    def text(self) -> str: ...

    @property
    def certainty(self) -> Certainty | str: ...

    @property
    def citations(self) -> Sequence[int]: ...


class LLMComposer:
    """Answers with the chat model from the claims' articles; the verdict stays computed."""

    name = "openai"

    def __init__(
        self,
        chat: ChatModel,
        prompts: Mapping[str, Prompt],
        store: StoreReader,
        *,
        gazetteer: Gazetteer,
        context_tokens: int,
        max_chars: int = MAX_ANSWER_CHARS,
        max_tokens: int = ANSWER_MAX_TOKENS,
    ) -> None:
        self.chat = chat
        self.prompts = prompts  # ANSWER_PROMPTS, loaded once at start-up
        self.store = store
        self.gazetteer = gazetteer  # the claim reader's names, for checking the model's
        self.context_tokens = context_tokens
        self.max_chars = max_chars
        self.max_tokens = max_tokens
        self.extractive = ExtractiveComposer()

    def compose(self, question: str, finding: Finding, hits: list[Hit]) -> Answer:
        """A cited LLM answer; the extractive answer (with a note) when the LLM can't give one."""
        if finding.verdict is Verdict.UNKNOWN:  # nothing to ground a generated answer on
            return self.extractive.compose(question, finding)
        packed = pack_messages(
            self.prompts["answer_system"],
            self.prompts["answer_user"],
            {"question": question},
            build_passages(self._quoted(finding), hits),
            budget=self.context_tokens,
            model=self.chat.model,
        )
        if not packed.passages:
            log.warning(
                "RUMOUR_CONTEXT_TOKENS=%d leaves no room for a passage; answering extractively",
                self.context_tokens,
            )
            return self._extractive(question, finding, UNAVAILABLE_NOTE)
        try:
            reply = self.chat.complete(packed.messages, max_tokens=self.max_tokens)
        except GenerationError as exc:
            log.warning("language model unavailable (%s); answering extractively", _error_type(exc))
            return self._extractive(question, finding, UNAVAILABLE_NOTE)
        checked = verify(reply, packed.passages, self.gazetteer)
        if not self._answers(finding, checked, packed.passages):
            log.warning(
                "language model answer rejected (%s); answering extractively",
                "nothing held against its passages"
                if not checked.cited
                else "what held no longer answers the question",
            )
            return self._extractive(question, finding, UNGROUNDED_NOTE)
        return self._answer(question, finding, checked.text, packed.passages)

    def _answers(self, finding: Finding, checked: Verified, passages: list[Passage]) -> bool:
        """Whether what held still answers: a sentence citing an article with claims about the
        move, and naming the person the question asks about (if it names one)."""
        about = {c.claim.article_id for c in finding.matched} | {
            c.claim.article_id for c in finding.shown
        }
        numbers = [p.n for p in passages if p.article_id in about]
        people = [key for ref in finding.question.people for key in ref.keys]
        return covers(checked, numbers, people, self.gazetteer)

    def _quoted(self, finding: Finding) -> list[Quoted]:
        """The claims to quote, with their articles' text for the passages."""
        quoted: list[Quoted] = []
        articles: dict[str, Article | None] = {}
        others = sorted(finding.matched, key=lambda c: -c.ts)
        for item in [*finding.shown, *others]:
            if item.claim.article_id not in articles and len(articles) == MAX_PASSAGES:
                continue
            claim = item.claim
            if claim.article_id not in articles:
                articles[claim.article_id] = self.store.get_article(claim.article_id)
            article = articles[claim.article_id]
            if article is not None and article.text[claim.start : claim.end] == claim.text:
                quoted.append(Quoted(article, claim.start, claim.end))
        return quoted

    def _answer(
        self, question: str, finding: Finding, body: str, passages: list[Passage]
    ) -> Answer:
        head = [f"**{VERDICT_LINES[finding.verdict]}**"]
        conflict = bool(finding.judgement.disagree)
        if conflict:
            head.append(conflict_line(finding, {p.article_id: p.n for p in passages}))
        top = "\n".join(head)
        body = cut_to_fit(body, max(self.max_chars - len(top) - 1, 1))
        text, order = renumber(f"{top}\n{body}")
        by_number = {p.n: p for p in passages}
        citations = [_citation(n, by_number[old]) for n, old in enumerate(order, 1)]
        return Answer(question, text, finding.verdict, citations, self.name, conflict=conflict)

    def _extractive(self, question: str, finding: Finding, note: str) -> Answer:
        return replace(self.extractive.compose(question, finding), note=note)


@dataclass(frozen=True)
class RoundUp:
    """A written round-up, or no text and a note saying why the extractive one stands."""

    text: str = ""
    note: str = ""


class LLMSummaryWriter:
    """Writes a round-up from its extractive lines with the chat model, verified like answers."""

    def __init__(
        self,
        chat: ChatModel,
        prompts: Mapping[str, Prompt],
        *,
        gazetteer: Gazetteer,
        context_tokens: int,
        max_chars: int = MAX_SUMMARY_CHARS,
        max_tokens: int = SUMMARY_MAX_TOKENS,
    ) -> None:
        self.chat = chat
        self.prompts = prompts  # SUMMARY_PROMPTS, loaded once at start-up
        self.gazetteer = gazetteer
        self.context_tokens = context_tokens
        self.max_chars = max_chars
        self.max_tokens = max_tokens

    def write(
        self, topic: str, items: Sequence[SummaryItemLike], passages: Sequence[Passage]
    ) -> RoundUp:
        """A verified round-up citing the passages' own numbers, or a note when it can't be used."""
        lines = list(items)
        passages = _with_lines(passages, lines)
        while True:
            packed = pack_messages(
                self.prompts["summary_system"],
                self.prompts["summary_user"],
                {"topic": topic, "items": _item_lines(lines)},
                passages,
                budget=self.context_tokens,
                model=self.chat.model,
                renumber=False,
            )
            if packed.passages or len(lines) <= 1:
                break
            lines = lines[:-1]  # the least important lines make room for the passages
        if not packed.passages:
            log.warning(
                "RUMOUR_CONTEXT_TOKENS=%d leaves no room for a passage", self.context_tokens
            )
            return RoundUp(note=UNAVAILABLE_SUMMARY_NOTE)
        try:
            reply = self.chat.complete(packed.messages, max_tokens=self.max_tokens)
        except GenerationError as exc:
            log.warning("language model unavailable for the summary (%s)", _error_type(exc))
            return RoundUp(note=UNAVAILABLE_SUMMARY_NOTE)
        # Every number the lines cite is checkable, also for passages that did not fit the prompt.
        checked = verify(reply, passages, self.gazetteer)
        covered = [item for item in lines if covers(checked, item.citations, (), self.gazetteer)]
        if not checked.cited or len(covered) < SUMMARY_COVER * len(lines):
            log.warning(
                "language model summary rejected: %d of %d rumour lines held against the passages",
                len(covered),
                len(lines),
            )
            return RoundUp(note=UNGROUNDED_SUMMARY_NOTE)
        return RoundUp(cut_to_fit(checked.text, self.max_chars))


def _with_lines(passages: Sequence[Passage], items: Sequence[SummaryItemLike]) -> list[Passage]:
    """Each passage with the quotes of the lines it leads (a line quotes its first citation)."""
    quotes: dict[int, list[str]] = {}
    for item in items:
        if item.citations:
            quotes.setdefault(item.citations[0], []).append(item.text)
    out = []
    for passage in passages:
        extra = [q for q in dict.fromkeys(quotes.get(passage.n, [])) if q not in passage.text]
        text = ELISION.join([passage.text, *extra]) if extra else passage.text
        out.append(replace(passage, text=text))
    return out


def _item_lines(items: Sequence[SummaryItemLike]) -> str:
    return "\n".join(
        f"- ({item.certainty}) {item.text} " + "".join(f"[{n}]" for n in item.citations)
        for item in items
    )


def _citation(n: int, passage: Passage) -> Citation:
    quote = passage.key[0] if passage.key else passage.segments()[0]
    return Citation(
        n=n,
        article_id=passage.article_id,
        title=passage.title,
        source=passage.outlet,
        url=passage.url,
        published=passage.published,
        quote=quote,
    )


def _error_type(exc: GenerationError) -> str:
    cause = exc.__cause__
    return f"{type(cause).__name__}: {exc}" if cause else str(exc)
