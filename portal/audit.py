"""The audit log of staff actions: who, what, on what, when; never case text."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from portal.models import AuditEntry


def record(
    session: Session,
    staff_id: int | None,
    action: str,
    now: datetime,
    complaint_id: int | None = None,
    subject: tuple[str, int] | None = None,
) -> None:
    """Add an entry to the caller's transaction, so it commits with the action itself.

    `subject` names anything else the action was about, as (table name, id), e.g.
    ("confidantrequest", 12); complaints keep their own foreign key.
    """
    subject_type, subject_id = subject if subject else (None, None)
    session.add(
        AuditEntry(
            staff_id=staff_id,
            complaint_id=complaint_id,
            subject_type=subject_type,
            subject_id=subject_id,
            action=action,
            at=now,
        )
    )
