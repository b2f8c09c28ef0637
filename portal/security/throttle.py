"""Fixed-window attempt counters kept in the database (shared by every worker)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portal.models import ThrottleWindow


def allow(session: Session, key: str, limit: int, window: timedelta, now: datetime) -> bool:
    """Count one attempt for ``key``; False once ``limit`` attempts fall in the window."""
    try:
        return _count(session, key, limit, window, now)
    except IntegrityError:  # another worker created the window first: count in that one
        session.rollback()
        return _count(session, key, limit, window, now)


def _count(session: Session, key: str, limit: int, window: timedelta, now: datetime) -> bool:
    row = session.get(ThrottleWindow, key)
    if row is None:
        row = ThrottleWindow(key=key, window_start=now, count=0)
        session.add(row)
    elif now - row.window_start >= window:
        row.window_start, row.count = now, 0
    if row.count >= limit:
        session.commit()
        return False
    row.count += 1
    session.commit()
    return True
