"""Time in one place: aware UTC for stored moments, the Dutch calendar for days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    return datetime.now(UTC)


def dutch_day(moment: datetime) -> date:
    """The calendar day in the Netherlands: terms are counted in Dutch days."""
    return moment.astimezone(DUTCH_TIME).date()
