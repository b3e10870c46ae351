"""Publication dates in the forms people write them, read as ISO; the rest refused, not guessed."""

from __future__ import annotations

import pytest

from ingest.core.dates import normalize_published


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2024-08-31", "2024-08-31"),  # ISO is kept exactly as written
        ("2024-08-31T10:00:00Z", "2024-08-31T10:00:00Z"),
        ("31/08/2024", "2024-08-31"),  # day first, as British and European papers write it
        ("01/02/2024", "2024-02-01"),
        ("08/31/2024", "2024-08-31"),  # no 31st month: the American form is read too
        ("31.08.2024", "2024-08-31"),
        ("31 August 2024", "2024-08-31"),
        ("Aug 31, 2024", "2024-08-31"),
        ("31 August 2024 14:30", "2024-08-31T14:30:00"),
        ("Sat, 31 Aug 2024 10:00:00 +0100", "2024-08-31T10:00:00+01:00"),
        ("  ", ""),
    ],
)
def test_common_forms_become_iso(written: str, stored: str) -> None:
    assert normalize_published(written) == (stored, None)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("not a date", "published 'not a date' is not a date I can read; stored without a date"),
        ("2024-13-45", "published '2024-13-45' is not a date I can read; stored without a date"),
        ("August 2024", "published 'August 2024' is not a whole date; stored without a date"),
        ("2024", "published '2024' is not a whole date; stored without a date"),
    ],
)
def test_what_is_not_a_whole_date_is_dropped_with_a_reason(written: str, problem: str) -> None:
    assert normalize_published(written) == ("", problem)
