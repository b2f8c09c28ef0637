"""The terms of a complaint, the law behind each, and the days left.

Settings may shorten a legal term, never lengthen it: ``LEGAL_MAXIMA`` names
the article of each, and the settings are checked against it at start.
Days are Dutch calendar days.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from portal.models import Complaint, ComplaintStatus

# Setting name -> (legal maximum, the rule it follows).
LEGAL_MAXIMA: dict[str, tuple[int, str]] = {
    # Awb art. 9:11 lid 1: a municipality answers within six weeks. Youth-care
    # providers have no legal term for informal handling; they promise the same.
    "COMPLAINT_DECISION_DAYS": (42, "Awb art. 9:11 lid 1"),
    # Awb art. 9:11 lid 2: one postponement of at most four weeks.
    "COMPLAINT_EXTENSION_MAX_DAYS": (28, "Awb art. 9:11 lid 2"),
    # Jeugdwet art. 4.2.1: the committee's written judgement within six weeks of
    # receiving the complaint, extendable once by at most four weeks with reasons.
    "COMPLAINT_COMMITTEE_DAYS": (42, "Jeugdwet art. 4.2.1"),
    "COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS": (28, "Jeugdwet art. 4.2.1"),
    # Jeugdwet art. 4.2.2: the provider states its measures within a month after
    # receiving the judgement, to the complainant and the committee.
    "COMPLAINT_MEASURES_MONTHS": (1, "Jeugdwet art. 4.2.2"),
}
# Awb art. 9:11 lid 1: ten weeks instead of six when an advisory committee
# (art. 9:14) hears the complaint.
AWB_ADVISORY_COMMITTEE_EXTRA_DAYS = 28


@dataclass(frozen=True)
class Terms:
    # The provider's own promise, not a legal term (Awb art. 9:6 asks a written
    # acknowledgement without a term).
    acknowledge_days: int = 7
    decision_days: int = 42
    extension_max_days: int = 28
    committee_days: int = 42
    committee_extension_max_days: int = 28
    measures_months: int = 1
    # How long after an informal answer the complainant may still go to the committee.
    escalation_months: int = 12
    reminder_days: int = 3
    retention_days: int = 730

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Terms:
        return cls(
            acknowledge_days=config["COMPLAINT_ACKNOWLEDGE_DAYS"],
            decision_days=config["COMPLAINT_DECISION_DAYS"],
            extension_max_days=config["COMPLAINT_EXTENSION_MAX_DAYS"],
            committee_days=config["COMPLAINT_COMMITTEE_DAYS"],
            committee_extension_max_days=config["COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS"],
            measures_months=config["COMPLAINT_MEASURES_MONTHS"],
            escalation_months=config["COMPLAINT_ESCALATION_MONTHS"],
            reminder_days=config["COMPLAINT_REMINDER_DAYS"],
            retention_days=config["COMPLAINT_RETENTION_DAYS"],
        )


# Terms the law does not set but that must exist: an acknowledgement promise, and a
# window in which an informal answer can still go to the committee (Jeugdwet
# art. 4.2.1: informal handling never uses up that right).
MINIMA = {"COMPLAINT_ACKNOWLEDGE_DAYS": 1, "COMPLAINT_ESCALATION_MONTHS": 1}


def terms_beyond_the_law(config: Mapping[str, Any]) -> list[str]:
    """Settings that would lengthen (or zero) a legal term, named with their article."""
    beyond = [
        f"{name}={config[name]} (at most {maximum}: {rule})"
        for name, (maximum, rule) in LEGAL_MAXIMA.items()
        if not 1 <= int(config[name]) <= maximum
    ]
    return beyond + [
        f"{name}={config[name]} (at least {least})"
        for name, least in MINIMA.items()
        if int(config[name]) < least
    ]


class DeadlineKind(StrEnum):
    ACKNOWLEDGE = "acknowledge"  # the provider
    DECISION = "decision"  # the provider or the municipality
    JUDGEMENT = "judgement"  # the committee
    MEASURES = "measures"  # the provider


COMMITTEE_DEADLINES = frozenset({DeadlineKind.JUDGEMENT})


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


def decision_due(received_on: date, terms: Terms, advisory_committee: bool = False) -> date:
    extra = AWB_ADVISORY_COMMITTEE_EXTRA_DAYS if advisory_committee else 0
    return received_on + timedelta(days=terms.decision_days + extra)


def judgement_due(received_by_committee_on: date, terms: Terms) -> date:
    """Six weeks from the day the committee receives it, not from filing."""
    return received_by_committee_on + timedelta(days=terms.committee_days)


def measures_due(judgement_received_on: date, terms: Terms) -> date:
    return add_months(judgement_received_on, terms.measures_months)


def open_deadlines(complaint: Complaint, terms: Terms) -> list[Deadline]:
    """Deadlines not yet met, soonest first; none once the complaint is closed."""
    status = complaint.status
    deadlines = []
    early = {ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS}
    if status in early:
        if complaint.acknowledged_on is None:
            deadlines.append(Deadline(DeadlineKind.ACKNOWLEDGE, acknowledge_due(complaint, terms)))
        deadlines.append(Deadline(DeadlineKind.DECISION, complaint.decision_due_on))
    elif status is ComplaintStatus.WITH_COMMITTEE and complaint.judgement_due_on:
        deadlines.append(Deadline(DeadlineKind.JUDGEMENT, complaint.judgement_due_on))
    elif status is ComplaintStatus.JUDGED and complaint.measures_due_on:
        deadlines.append(Deadline(DeadlineKind.MEASURES, complaint.measures_due_on))
    return sorted(deadlines, key=lambda d: d.due_on)


def next_deadline(complaint: Complaint, terms: Terms) -> Deadline | None:
    deadlines = open_deadlines(complaint, terms)
    return deadlines[0] if deadlines else None


def refresh_next_due(complaint: Complaint, terms: Terms) -> None:
    deadline = next_deadline(complaint, terms)
    complaint.next_due_on = deadline.due_on if deadline else None
