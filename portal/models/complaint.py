"""Complaints, their thread and the dates of every step (days only, never times)."""

from __future__ import annotations

import secrets
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection, Index, event, func
from sqlalchemy import select as sa_select
from sqlmodel import Field, SQLModel, UniqueConstraint

from .base import RANDOM_ID_TYPE, enum_type, random_id


class ComplaintTheme(StrEnum):
    WAITING_TIME = "waiting_time"
    SCREENING = "screening"  # waiting for screening or an assessment (seed 002 §10)
    REFUSAL = "refusal"  # refused, also on financial grounds (seed 002 §5)
    TREATMENT = "treatment"
    NOT_HEARD = "not_heard"
    COMMUNICATION = "communication"
    HELP_NOT_WORKING = "help_not_working"
    CONTACT_PERSON = "contact_person"  # no single contact person (seed 000 eis 78, 002 §12)
    COOPERATION = "cooperation"
    SAFETY = "safety"
    PRIVACY = "privacy"
    OTHER = "other"


class QualityTheme(StrEnum):
    """The five quality themes of seed 003 §1.2.2, for the reports."""

    CLIENT_INVOLVEMENT = "client_involvement"
    GOAL_REALISATION = "goal_realisation"
    DECREASE_OF_PROBLEMS = "decrease_of_problems"
    SAFETY = "safety"
    RESULT_ORIENTATION = "result_orientation"  # includes waiting times


QUALITY_THEME = {
    ComplaintTheme.WAITING_TIME: QualityTheme.RESULT_ORIENTATION,
    ComplaintTheme.SCREENING: QualityTheme.RESULT_ORIENTATION,
    ComplaintTheme.REFUSAL: QualityTheme.RESULT_ORIENTATION,
    ComplaintTheme.TREATMENT: QualityTheme.CLIENT_INVOLVEMENT,
    ComplaintTheme.NOT_HEARD: QualityTheme.CLIENT_INVOLVEMENT,
    ComplaintTheme.COMMUNICATION: QualityTheme.CLIENT_INVOLVEMENT,
    ComplaintTheme.HELP_NOT_WORKING: QualityTheme.DECREASE_OF_PROBLEMS,
    ComplaintTheme.CONTACT_PERSON: QualityTheme.GOAL_REALISATION,
    ComplaintTheme.COOPERATION: QualityTheme.GOAL_REALISATION,
    ComplaintTheme.SAFETY: QualityTheme.SAFETY,
    ComplaintTheme.PRIVACY: QualityTheme.SAFETY,
    ComplaintTheme.OTHER: QualityTheme.CLIENT_INVOLVEMENT,
}


class ComplainantRole(StrEnum):
    """Who may complain (Jeugdwet art. 4.2.1: youth, parents, foster parents, guardians)."""

    YOUTH = "youth"
    PARENT_WITH_AUTHORITY = "parent_with_authority"
    PARENT_WITHOUT_AUTHORITY = "parent_without_authority"
    FOSTER_PARENT = "foster_parent"
    GUARDIAN = "guardian"
    ON_BEHALF = "on_behalf"  # someone complaining on their behalf


class ComplaintKind(StrEnum):
    INFORMAL = "informal"  # solved with the provider
    FORMAL = "formal"  # to the provider's complaints committee


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    DECIDED = "decided"  # the provider's (or municipality's) answer; closed
    WITH_COMMITTEE = "with_committee"  # formal: the committee handles it
    JUDGED = "judged"  # the committee's judgement is in; the provider states its measures
    CONCLUDED = "concluded"  # the statement of measures is sent; closed
    WITHDRAWN = "withdrawn"


class DecisionOutcome(StrEnum):
    """The answer to a complaint (or a part of it): founded, partly founded, unfounded."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


class Complaint(SQLModel, table=True):
    # The inbox filters on organisation and sorts on the soonest deadline.
    __table_args__ = (
        Index("ix_complaint_provider_id_next_due_on", "provider_id", "next_due_on"),
        UniqueConstraint("provider_id", "provider_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # What staff and URLs use instead of the global id, which would tell one provider
    # how many complaints the others get: a random key in URLs, and a number per
    # provider for people ("2026-0012", see `reference`).
    key: str = Field(default_factory=lambda: secrets.token_urlsafe(12), max_length=24, unique=True)
    provider_number: int = Field(default=0)
    # Keyed slow hash of the receipt code; the code itself is never stored.
    receipt_digest: str = Field(max_length=64, unique=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    municipality_id: int | None = Field(default=None, foreign_key="municipality.id")
    theme: ComplaintTheme = Field(sa_type=enum_type(ComplaintTheme))
    kind: ComplaintKind = Field(sa_type=enum_type(ComplaintKind))
    status: ComplaintStatus = Field(sa_type=enum_type(ComplaintStatus), index=True)
    complainant_role: ComplainantRole | None = Field(
        default=None, sa_type=enum_type(ComplainantRole)
    )
    # Left no way to reach them when filing; reports count these signals apart.
    filed_anonymously: bool = Field(default=True)
    # Given only to go to the committee, which must hear both sides.
    complainant_name: str | None = Field(default=None, max_length=120)
    # Texts and contact details: emptied by the retention job, the counts remain.
    what_happened: str | None = Field(default=None, max_length=5000)
    desired_outcome: str | None = Field(default=None, max_length=2000)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)
    # Language of the complainant's notification mails.
    language: str = Field(default="nl", max_length=8)
    received_on: date = Field(index=True)
    acknowledged_on: date | None = None
    # The provider's (or, under the Awb, the municipality's) own answer.
    decision_due_on: date
    extension_reason: str | None = Field(default=None, max_length=1000)
    extended_on: date | None = None
    extended_from: date | None = None
    decided_on: date | None = None
    outcome: DecisionOutcome | None = Field(default=None, sa_type=enum_type(DecisionOutcome))
    decision_reasoning: str | None = Field(default=None, max_length=5000)
    # The committee (formal complaints): its six weeks start when it receives the complaint.
    committee_received_on: date | None = None
    committee_confirmed_on: date | None = None
    judgement_due_on: date | None = None
    committee_extended_on: date | None = None
    committee_extended_from: date | None = None
    committee_extension_reason: str | None = Field(default=None, max_length=1000)
    hearing_on: date | None = None
    both_sides_heard: bool = Field(default=False)
    judged_on: date | None = None
    judgement_reasoning: str | None = Field(default=None, max_length=5000)
    judgement_recommendations: str | None = Field(default=None, max_length=5000)
    # The judgement reaches the provider in the portal the day it is sent; the
    # month for the statement of measures counts from then (Jeugdwet art. 4.2.2).
    judgement_received_on: date | None = None
    measures_due_on: date | None = None
    measures_statement: str | None = Field(default=None, max_length=5000)
    measures_on: date | None = None
    withdrawn_on: date | None = None
    closed_on: date | None = Field(default=None, index=True)
    confidant_requested_on: date | None = None
    municipality_informed_on: date | None = None
    made_formal_on: date | None = None
    texts_deleted_on: date | None = None
    # The last day anyone acted on the complaint: retention counts from here, so a
    # complaint that is never closed still expires.
    last_activity_on: date | None = Field(default=None, index=True)
    # The soonest open deadline, kept with every change so the inbox can filter
    # and sort on it in SQL (see complaints.clock.open_deadlines).
    next_due_on: date | None = Field(default=None, index=True)

    @property
    def reference(self) -> str:
        """The provider's own number for it, e.g. 2026-0012 (year of receipt)."""
        return f"{self.received_on.year}-{self.provider_number:04d}"


class ComplaintHandle(SQLModel, table=True):
    """A browser's access to a complaint opened with its receipt code.

    The cookie holds only a random handle; this row (keyed by its hash) says which
    complaint it opens. "Close on this device" deletes it, and the daily job
    removes handles of earlier days, so a copied cookie stops working.
    """

    __table_args__ = {"sqlite_with_rowid": False}

    id: str = Field(primary_key=True, max_length=64)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    created_on: date = Field(index=True)


class MessageAuthor(StrEnum):
    COMPLAINANT = "complainant"
    STAFF = "staff"  # the provider (or local team)
    COMMITTEE = "committee"
    # The complainant's confidant, writing with their consent (portal/confidant); the
    # organisation reads it, so it then knows a confidant helps.
    CONFIDANT = "confidant"


class JudgementPart(SQLModel, table=True):
    """The committee's verdict on one part of a complaint."""

    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    number: int = Field(primary_key=True)
    summary: str | None = Field(default=None, max_length=1000)
    verdict: DecisionOutcome = Field(sa_type=enum_type(DecisionOutcome))


class FormDraft(SQLModel, table=True):
    """A multi-page form being filled in (a complaint), so every step has its own
    address and back and reload work.

    Keyed by a hash of a random handle in the browser's session; it holds no
    identity beyond what is typed, and goes on sending or after a day.
    """

    id: str = Field(primary_key=True, max_length=64)
    form: str = Field(max_length=32)
    data: str = Field(max_length=40000)
    created_on: date = Field(index=True)


class ComplaintMessage(SQLModel, table=True):
    """A message in the thread, or a staff member's internal note (never shown).

    The id is random (see base.random_id); the thread's order is `position`.
    """

    id: int = Field(default_factory=random_id, primary_key=True, sa_type=RANDOM_ID_TYPE)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    # 1, 2, 3 ... within the complaint, set when the message is written (below).
    position: int = Field(default=0)
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


@event.listens_for(ComplaintMessage, "before_insert")
def _next_position(_mapper: object, connection: Connection, message: ComplaintMessage) -> None:
    """Number the message after the ones before it in its complaint, whoever writes it."""
    table = ComplaintMessage.__table__
    stored = connection.execute(
        sa_select(func.coalesce(func.max(table.c.position), 0)).where(
            table.c.complaint_id == message.complaint_id
        )
    ).scalar_one()
    # One flush may insert several messages of a complaint before any is stored.
    handed_out = connection.info.setdefault("message_positions", {})
    if len(handed_out) > 1000:  # a long-lived pooled connection: keep the memo small
        handed_out.clear()
    message.position = max(stored, handed_out.get(message.complaint_id, 0)) + 1
    handed_out[message.complaint_id] = message.position
