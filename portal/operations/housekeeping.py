"""Daily clean-up of operational rows and files that must not outlive their use.

Sent mail holds complainants' addresses, so it goes after a month (and so does
failed mail an administrator marked resolved), from the table and from the
outbox folder; failed mail that nobody looked at stays for 90 days. Throttle windows, ended
staff sessions, form drafts and complaint handles of earlier days go once they
cannot matter any more. Then the erased values are made unreadable in the
database files (portal/privacy/erasure.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session

from portal.models import ComplaintHandle, JobRun, OutboxMail, StaffSession, ThrottleWindow
from portal.models.operations import OutboxState
from portal.privacy.erasure import erase_traces
from portal.timeutil import dutch_day
from portal.web import drafts

MAIL_KEPT = timedelta(days=30)
# Failed mail stays visible to the administrator, but not forever: it holds addresses.
FAILED_MAIL_KEPT = timedelta(days=90)
SESSIONS_KEPT = timedelta(days=30)
THROTTLE_KEPT = timedelta(days=1)
JOB_RUNS_KEPT = timedelta(days=400)
TABLES = (
    "outboxmail",
    "staffsession",
    "throttlewindow",
    "jobrun",
    "formdraft",
    "complainthandle",
)


def purge(session: Session, now: datetime, outbox: Path | None = None) -> dict[str, int]:
    today = dutch_day(now)
    statements = {
        "mail": delete(OutboxMail).where(
            OutboxMail.created_at < now - MAIL_KEPT,
            OutboxMail.state.in_([OutboxState.SENT, OutboxState.RESOLVED]),
        ),
        "failed_mail": delete(OutboxMail).where(
            OutboxMail.created_at < now - FAILED_MAIL_KEPT,
            OutboxMail.state == OutboxState.FAILED,
        ),
        "sessions": delete(StaffSession).where(StaffSession.last_seen_at < now - SESSIONS_KEPT),
        "throttles": delete(ThrottleWindow).where(
            ThrottleWindow.window_start < now - THROTTLE_KEPT
        ),
        "job_runs": delete(JobRun).where(JobRun.started_at < now - JOB_RUNS_KEPT),
        # A complainant's access on this device lasts the day it was opened at most.
        "handles": delete(ComplaintHandle).where(ComplaintHandle.created_on < today),
    }
    counts = {name: session.exec(statement).rowcount for name, statement in statements.items()}
    session.commit()
    counts["drafts"] = drafts.purge(session, today)
    counts["outbox_files"] = _purge_outbox_files(outbox, now) if outbox else 0
    erase_traces(session.get_bind(), TABLES)
    return counts


def _purge_outbox_files(folder: Path, now: datetime) -> int:
    """Delete .eml files as old as the mail rows that go: they hold the same addresses."""
    if not folder.is_dir():
        return 0
    cutoff = (now - MAIL_KEPT).timestamp()
    removed = 0
    for path in folder.glob("*.eml"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
