"""What the system did: outgoing mail, audit entries, throttles and scheduler runs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class OutboxMail(SQLModel, table=True):
    """Mail written in the same transaction as the change it reports; sent later."""

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=5000)
    created_at: datetime
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(index=True)
    # A sender claims a row until this time, so two senders never take the same mail.
    claimed_until: datetime | None = None
    sent_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, max_length=500)


class AuditEntry(SQLModel, table=True):
    """A staff action: who, what, when. Never holds complaint text."""

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int | None = Field(default=None, foreign_key="staffmember.id", index=True)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    action: str = Field(max_length=64)
    at: datetime = Field(index=True)


class ThrottleWindow(SQLModel, table=True):
    """Attempts per key in the current window (receipt lookups, logins)."""

    key: str = Field(primary_key=True, max_length=120)
    window_start: datetime
    count: int = Field(default=0)


class JobRun(SQLModel, table=True):
    """What a scheduled job did, for operators and for idempotency checks."""

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64, index=True)
    started_at: datetime
    finished_at: datetime | None = None
    result: str = Field(default="", max_length=500)
