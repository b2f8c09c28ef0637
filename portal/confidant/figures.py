"""Raw counts of confidant requests per municipality and year, for the annual reports
(seed 003 "Aanwezigheid / functioneren vertrouwenspersoon" and "Rapportage
vertrouwenspersoon").

Every figure is one GROUP BY in SQL; nothing loops over requests. These are raw
numbers: small groups identify people, so the reporting applies its suppression
threshold (SMALL_GROUP_THRESHOLD) before any figure leaves Klankbord. Requests
without a municipality count under ``None``. The year is the year of receipt.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from sqlalchemy import extract, func
from sqlmodel import Session, select

from portal.models import ConfidantRequest

R = ConfidantRequest


class Count(NamedTuple):
    year: int
    municipality_id: int | None
    key: Any  # the topic, role, outcome, provider id or number of days
    count: int


def _grouped(session: Session, key: Any, year: int | None, *conditions: Any) -> list[Count]:
    received_year = extract("year", R.received_on)
    statement = select(received_year, R.municipality_id, key, func.count()).where(*conditions)
    if year is not None:
        statement = statement.where(received_year == year)
    statement = statement.group_by(received_year, R.municipality_id, key).order_by(
        received_year, R.municipality_id, key
    )
    return [Count(int(y), m, k, n) for y, m, k, n in session.exec(statement)]


def by_topic(session: Session, year: int | None = None) -> list[Count]:
    return _grouped(session, R.topic, year)


def by_requester_role(session: Session, year: int | None = None) -> list[Count]:
    return _grouped(session, R.requester_role, year)


def by_outcome(session: Session, year: int | None = None) -> list[Count]:
    """Closed requests only: an open one has no outcome yet."""
    return _grouped(session, R.outcome, year, R.outcome.is_not(None))


def by_provider(session: Session, year: int | None = None) -> list[Count]:
    """Requests about a provider, per provider."""
    return _grouped(session, R.provider_id, year, R.provider_id.is_not(None))


def days_to_first_contact(session: Session, year: int | None = None) -> list[Count]:
    """How many requests had their first contact after so many calendar days."""
    return _grouped(session, R.days_to_first_contact, year, R.days_to_first_contact.is_not(None))


def median_days_to_first_contact(
    session: Session, year: int | None = None
) -> dict[tuple[int, int | None], float]:
    """Per (year, municipality): the median of the days to first contact, computed
    from the grouped counts above (one row per distinct number of days)."""
    spread: dict[tuple[int, int | None], list[tuple[int, int]]] = defaultdict(list)
    for row in days_to_first_contact(session, year):
        spread[(row.year, row.municipality_id)].append((row.key, row.count))
    return {group: _median(sorted(counts)) for group, counts in spread.items()}


def _median(counts: list[tuple[int, int]]) -> float:
    total = sum(n for _, n in counts)
    lower, upper = (total - 1) // 2, total // 2  # the middle position(s), 0-based
    seen, found = 0, []
    for days, n in counts:
        found += [days for position in (lower, upper) if seen <= position < seen + n]
        seen += n
    return sum(found) / len(found)
