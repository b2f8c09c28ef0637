"""Time in one place: aware UTC for stored moments, the Dutch calendar for days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


def _system_time() -> datetime:
    return datetime.now(UTC)


# Tests freeze time by replacing this one function; everything else asks utcnow().
source = _system_time


def utcnow() -> datetime:
    return source()


def dutch_day(moment: datetime) -> date:
    """The calendar day in the Netherlands: terms are counted in Dutch days."""
    return moment.astimezone(DUTCH_TIME).date()
