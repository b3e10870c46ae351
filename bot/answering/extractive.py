"""The answer composer that needs no LLM: verbatim quotes with attribution and an honest verdict."""

from __future__ import annotations

import logging

from bot.answering.answer import VERDICT_LINES, Answer, Verdict
from bot.answering.evidence import Evidence, attribution, quoted
from bot.answering.verdict import conflict_line, select

log = logging.getLogger(__name__)


class ExtractiveComposer:
    """Composes answers from verbatim quotes; the offline default."""

    name = "extractive"

    def compose(self, question: str, evidence: list[Evidence], searched: int) -> Answer:
        """An answer whose every claim is a quoted sentence with its citation."""
        chosen = select(evidence)
        if chosen.verdict is Verdict.UNKNOWN:
            text = (
                f"{VERDICT_LINES[Verdict.UNKNOWN]} I searched {searched} passages and found "
                "nothing about this, so I won't guess."
            )
            return Answer(question, text, Verdict.UNKNOWN, [], self.name)
        lines = [f"**{VERDICT_LINES[chosen.verdict]}**"]
        if chosen.conflict:
            lines.append(conflict_line(chosen))
        for item, n in chosen.quotes:
            lines.append(f"- {quoted(attribution(item), item.text)} [{n}]")
        return Answer(
            question,
            "\n".join(lines),
            chosen.verdict,
            chosen.citations,
            self.name,
            conflict=chosen.conflict,
        )
