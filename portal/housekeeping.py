"""Daily clean-up of operational rows that must not outlive their use.

Sent mail holds complainants' addresses, so it goes after a month (and so does
failed mail an administrator marked resolved); failed mail that nobody looked
at stays. Throttle windows and ended staff sessions go once they cannot matter
any more.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session

from portal.models import JobRun, OutboxMail, StaffSession, ThrottleWindow
from portal.models.operations import OutboxState

MAIL_KEPT = timedelta(days=30)
SESSIONS_KEPT = timedelta(days=30)
THROTTLE_KEPT = timedelta(days=1)
JOB_RUNS_KEPT = timedelta(days=400)


def purge(session: Session, now: datetime) -> dict[str, int]:
    statements = {
        "mail": delete(OutboxMail).where(
            OutboxMail.created_at < now - MAIL_KEPT,
            OutboxMail.state.in_([OutboxState.SENT, OutboxState.RESOLVED]),
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
