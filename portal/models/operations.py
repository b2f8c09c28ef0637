"""What the system did: outgoing mail, audit entries, throttles and scheduler runs."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, LargeBinary, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from .base import RANDOM_ID_TYPE, enum_type, random_id


class OutboxState(StrEnum):
    QUEUED = "queued"  # waiting for its (next) attempt
    SENT = "sent"
    FAILED = "failed"  # kept until an administrator resends it or marks it resolved
    RESOLVED = "resolved"  # an administrator looked at the failure; cleaned up like sent mail


def new_message_id() -> str:
    # Random only: a Message-ID with a time in it would date the action behind the mail.
    return f"<{secrets.token_hex(16)}@klankbord.invalid>"


class OutboxMail(SQLModel, table=True):
    """Mail written in the same transaction as the change it reports; sent later.

    Random id (base.random_id): a mail a complainant's action causes must not sit
    in sequence between mails whose times are known.
    """

    id: int = Field(default_factory=random_id, primary_key=True, sa_type=RANDOM_ID_TYPE)
    state: OutboxState = Field(
        default=OutboxState.QUEUED, sa_type=enum_type(OutboxState), index=True
    )
    # Fixed when queued, so a resend carries the same id and a receiver can drop it.
    message_id: str = Field(default_factory=new_message_id, max_length=100)
    recipient: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=5000)
    # An HTML alternative of the body (the annual report reads well on a phone).
    html_body: str | None = Field(default=None, sa_type=Text)
    # The annual report this mail carries: its state follows the mail's.
    annual_report_id: int | None = Field(default=None, foreign_key="annualreport.id", index=True)
    created_at: datetime
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(index=True)
    # A sender claims a row until this time, so two senders never take the same mail;
    # claimed_by names the run, so a run whose claim lapsed cannot mark the row sent.
    claimed_until: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=32)
    sent_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, max_length=500)


class OutboxAttachment(SQLModel, table=True):
    """A file sent with a mail (the annual report's PDF and CSV)."""

    id: int | None = Field(default=None, primary_key=True)
    mail_id: int = Field(
        foreign_key="outboxmail.id", index=True, ondelete="CASCADE", sa_type=RANDOM_ID_TYPE
    )
    filename: str = Field(max_length=120)
    content_type: str = Field(max_length=80)
    content: bytes = Field(sa_type=LargeBinary)


class AuditEntry(SQLModel, table=True):
    """A staff action: who, what, on which subject, when. Never holds case text."""

    __table_args__ = (Index("ix_auditentry_subject", "subject_type", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int | None = Field(default=None, foreign_key="staffmember.id", index=True)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    # Any other subject (a confidant request, a family arrangement, ...): its table and id.
    subject_type: str | None = Field(default=None, max_length=32)
    subject_id: int | None = None
    action: str = Field(max_length=64)
    at: datetime = Field(index=True)


class DigestItem(SQLModel, table=True):
    """ "There is news in this case for this address", waiting for the next digest.

    Deliberately without any time: staff hear of a complainant's action only at
    the fixed digest times, so neither this row nor the mail dates the action.
    """

    __table_args__ = {"sqlite_with_rowid": False}

    recipient: str = Field(primary_key=True, max_length=254)
    area: str = Field(primary_key=True, max_length=32)  # which inbox the link opens
    subject_ref: str = Field(primary_key=True, max_length=64)


class ThrottleWindow(SQLModel, table=True):
    """Attempts per key in the current window (receipt lookups, logins)."""

    key: str = Field(primary_key=True, max_length=120)
    window_start: datetime
    count: int = Field(default=0)


class JobRun(SQLModel, table=True):
    """What a scheduled job did, for operators and for idempotency checks."""

    # A daily run claims its Dutch day: the unique pair lets only one of several
    # schedulers run it. Released (set to None) when the run fails or was interrupted.
    __table_args__ = (UniqueConstraint("job", "scheduled_day"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64, index=True)
    started_at: datetime
    finished_at: datetime | None = None
    result: str = Field(default="", max_length=500)
    scheduled_day: date | None = None
