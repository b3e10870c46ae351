"""Publication dates as they come in (ISO, '31/08/2024', 'Sat, 31 Aug 2024 10:00 +0100'), as ISO."""

from __future__ import annotations

import logging
from datetime import datetime

from dateutil import parser

log = logging.getLogger(__name__)

# Parsed twice with different defaults: a part that changes was not in the text.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


def normalize_published(value: str) -> tuple[str, str | None]:
    """`value` as an ISO date (or datetime, when it has a time); ("", why) when it is not a date.

    ISO dates and datetimes are kept exactly as written. Other common forms are read day first,
    as British and European papers write them: '31/08/2024', '31 August 2024', RFC 2822 dates.
    A date without a day, month or year is not guessed at.
    """
    text = value.strip()
    if not text:
        return "", None
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        return text, None
    except ValueError:
        pass
    try:
        first, second = (parser.parse(text, dayfirst=True, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return "", f"published {value!r} is not a date I can read; stored without a date"
    if first.date() != second.date():
        return "", f"published {value!r} is not a whole date; stored without a date"
    if (first.hour, first.minute) != (second.hour, second.minute):  # no time of day given
        return first.date().isoformat(), None
    return first.isoformat(), None
