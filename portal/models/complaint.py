"""Complaints, their thread and the dates of every step (days only, never times)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from .base import enum_type


class ComplaintTheme(StrEnum):
    WAITING_TIME = "waiting_time"
    TREATMENT = "treatment"
    COMMUNICATION = "communication"
    SAFETY = "safety"
    PRIVACY = "privacy"
    REFUSAL = "refusal"
    COOPERATION = "cooperation"
    OTHER = "other"


class ComplaintKind(StrEnum):
    INFORMAL = "informal"  # solved with the provider
    FORMAL = "formal"  # to the provider's complaints committee


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WITH_COMMITTEE = "with_committee"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


class DecisionOutcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


class Complaint(SQLModel, table=True):
    # The inbox filters on organisation and sorts on the soonest deadline.
    __table_args__ = (Index("ix_complaint_provider_id_next_due_on", "provider_id", "next_due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    # Keyed slow hash of the receipt code; the code itself is never stored.
    receipt_digest: str = Field(max_length=64, unique=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    municipality_id: int | None = Field(default=None, foreign_key="municipality.id")
    theme: ComplaintTheme = Field(sa_type=enum_type(ComplaintTheme))
    kind: ComplaintKind = Field(sa_type=enum_type(ComplaintKind))
    status: ComplaintStatus = Field(sa_type=enum_type(ComplaintStatus), index=True)
    # Texts and contact details: emptied by the retention job, the counts remain.
    what_happened: str | None = Field(default=None, max_length=5000)
    desired_outcome: str | None = Field(default=None, max_length=2000)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)
    # Language of the complainant's notification mails.
    language: str = Field(default="nl", max_length=8)
    received_on: date = Field(index=True)
    acknowledged_on: date | None = None
    decision_due_on: date
    extension_reason: str | None = Field(default=None, max_length=1000)
    extended_on: date | None = None
    committee_referred_on: date | None = None
    decided_on: date | None = None
    outcome: DecisionOutcome | None = Field(default=None, sa_type=enum_type(DecisionOutcome))
    decision_reasoning: str | None = Field(default=None, max_length=5000)
    measures_due_on: date | None = None
    measures_statement: str | None = Field(default=None, max_length=5000)
    measures_on: date | None = None
    withdrawn_on: date | None = None
    closed_on: date | None = Field(default=None, index=True)
    confidant_requested_on: date | None = None
    municipality_informed_on: date | None = None
    made_formal_on: date | None = None
    texts_deleted_on: date | None = None
    # The soonest open deadline, kept with every change so the inbox can filter
    # and sort on it in SQL (see complaints.clock.open_deadlines).
    next_due_on: date | None = Field(default=None, index=True)


class MessageAuthor(StrEnum):
    COMPLAINANT = "complainant"
    STAFF = "staff"


class ComplaintMessage(SQLModel, table=True):
    """A message in the thread, or a staff member's internal note (never shown)."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    author: MessageAuthor = Field(sa_type=enum_type(MessageAuthor))
    staff_id: int | None = Field(default=None, foreign_key="staffmember.id")
    internal: bool = Field(default=False)
    body: str | None = Field(default=None, max_length=5000)
    created_on: date


class ReminderSent(SQLModel, table=True):
    """One row per deadline reminder sent, so the daily job never sends one twice."""

    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    deadline: str = Field(primary_key=True, max_length=32)
    due_on: date = Field(primary_key=True)
