"""Daily clean-up of operational rows that must not outlive their use.

Sent mail holds complainants' addresses, so it goes after a month; throttle
windows and ended staff sessions go once they cannot matter any more.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session

from portal.mail import MAX_ATTEMPTS
from portal.models import JobRun, OutboxMail, StaffSession, ThrottleWindow

MAIL_KEPT = timedelta(days=30)
SESSIONS_KEPT = timedelta(days=30)
THROTTLE_KEPT = timedelta(days=1)
JOB_RUNS_KEPT = timedelta(days=400)


def purge(session: Session, now: datetime) -> dict[str, int]:
    statements = {
        "mail": delete(OutboxMail).where(
            OutboxMail.created_at < now - MAIL_KEPT,
            or_(OutboxMail.sent_at.is_not(None), OutboxMail.attempts >= MAX_ATTEMPTS),
        ),
        "sessions": delete(StaffSession).where(StaffSession.last_seen_at < now - SESSIONS_KEPT),
        "throttles": delete(ThrottleWindow).where(
            ThrottleWindow.window_start < now - THROTTLE_KEPT
        ),
        "job_runs": delete(JobRun).where(JobRun.started_at < now - JOB_RUNS_KEPT),
    }
    counts = {name: session.exec(statement).rowcount for name, statement in statements.items()}
    session.commit()
    return counts
