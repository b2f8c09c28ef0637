"""The legal terms of a complaint and the days left on each.

Wkkgz / Jeugdwet: acknowledge within a week, decide within six weeks of
receipt, one extension of at most four weeks; after a committee judgement the
provider states its measures within a month. The numbers are configuration.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from portal.models import Complaint


@dataclass(frozen=True)
class Terms:
    acknowledge_days: int = 7
    decision_days: int = 42
    extension_max_days: int = 28
    measures_months: int = 1
    reminder_days: int = 3
    retention_days: int = 730

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Terms:
        return cls(
            acknowledge_days=config["COMPLAINT_ACKNOWLEDGE_DAYS"],
            decision_days=config["COMPLAINT_DECISION_DAYS"],
            extension_max_days=config["COMPLAINT_EXTENSION_MAX_DAYS"],
            measures_months=config["COMPLAINT_MEASURES_MONTHS"],
            reminder_days=config["COMPLAINT_REMINDER_DAYS"],
            retention_days=config["COMPLAINT_RETENTION_DAYS"],
        )


class DeadlineKind(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    DECISION = "decision"
    MEASURES = "measures"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due_on: date

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days

    def overdue(self, today: date) -> bool:
        return today > self.due_on


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def acknowledge_due(complaint: Complaint, terms: Terms) -> date:
    return complaint.received_on + timedelta(days=terms.acknowledge_days)


def decision_due(received_on: date, terms: Terms) -> date:
    return received_on + timedelta(days=terms.decision_days)


def open_deadlines(complaint: Complaint, terms: Terms) -> list[Deadline]:
    """Deadlines not yet met, soonest first; none once the complaint is closed."""
    if complaint.closed_on is not None:
        return []
    deadlines = []
    if complaint.acknowledged_on is None:
        deadlines.append(Deadline(DeadlineKind.ACKNOWLEDGE, acknowledge_due(complaint, terms)))
    if complaint.decided_on is None:
        deadlines.append(Deadline(DeadlineKind.DECISION, complaint.decision_due_on))
    elif complaint.measures_due_on is not None and complaint.measures_on is None:
        deadlines.append(Deadline(DeadlineKind.MEASURES, complaint.measures_due_on))
    return sorted(deadlines, key=lambda d: d.due_on)


def next_deadline(complaint: Complaint, terms: Terms) -> Deadline | None:
    deadlines = open_deadlines(complaint, terms)
    return deadlines[0] if deadlines else None


def refresh_next_due(complaint: Complaint, terms: Terms) -> None:
    deadline = next_deadline(complaint, terms)
    complaint.next_due_on = deadline.due_on if deadline else None
