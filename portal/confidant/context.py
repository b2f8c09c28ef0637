"""What the confidant domain needs from configuration and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.timeutil import dutch_day, utcnow


@dataclass(frozen=True)
class Context:
    code_pepper: str  # keys receipt codes (KLANKBORD_CODE_PEPPER)
    base_url: str
    now: datetime
    # Default first-contact promise of a service without its own (working days).
    first_contact_days: int = 3
    reminder_days: int = 1
    retention_days: int = 730

    @property
    def today(self) -> date:
        return dutch_day(self.now)


def from_app(now: datetime | None = None) -> Context:
    from flask import current_app

    config = current_app.config
    return Context(
        config["CODE_PEPPER"],
        config["PUBLIC_BASE_URL"],
        now or utcnow(),
        config["CONFIDANT_FIRST_CONTACT_DAYS"],
        config["CONFIDANT_REMINDER_DAYS"],
        config["CONFIDANT_RETENTION_DAYS"],
    )


def add_working_days(day: date, days: int) -> date:
    """``days`` working days (Monday to Friday) after ``day``.

    A service's promise, not a legal term: public holidays are not skipped, so on a
    holiday week the promise is stricter than it needs to be, never looser.
    """
    result = day
    while days > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            days -= 1
    return result


def working_days_before(day: date, days: int) -> date:
    """The working day ``days`` working days before ``day`` (for reminders)."""
    result = day
    while days > 0:
        result -= timedelta(days=1)
        if result.weekday() < 5:
            days -= 1
    return result
