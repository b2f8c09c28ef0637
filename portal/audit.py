"""The audit log of staff actions: who, what, when; never complaint text."""

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
) -> None:
    """Add an entry to the caller's transaction, so it commits with the action itself."""
    session.add(AuditEntry(staff_id=staff_id, complaint_id=complaint_id, action=action, at=now))
