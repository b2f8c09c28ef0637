"""What the administrator sees of complaints: counts, never a complaint itself."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from portal.models import Complaint, Provider


def long_open(session: Session, today: date, days: int) -> list[tuple[str, int]]:
    """Per provider, how many complaints are open longer than ``days`` (setting
    COMPLAINT_LONG_OPEN_DAYS): a nudge before retention erases them unanswered."""
    rows = session.exec(
        select(Provider.name, func.count(Complaint.id))  # type: ignore[call-overload]
        .join(Provider, Provider.id == Complaint.provider_id)
        .where(Complaint.closed_on.is_(None), Complaint.received_on < today - timedelta(days=days))
        .group_by(Provider.name)
        .order_by(Provider.name)
    ).all()
    return [(name, count) for name, count in rows]
