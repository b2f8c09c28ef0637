"""Daily confidant jobs: first-contact reminders to the desk, and retention.

Both are idempotent: a reminder is recorded per request and target date, and
retention skips requests whose texts are gone already.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, select

from portal.models import (
    ComplaintConsent,
    ConfidantAccess,
    ConfidantMessage,
    ConfidantReminder,
    ConfidantRequest,
    RequestOutcome,
    RequestStatus,
)
from portal.privacy.erasure import erase_traces

from . import notify
from .context import Context, add_working_days


def send_first_contact_reminders(session: Session, ctx: Context) -> int:
    """Once per target date, ``reminder_days`` working days before it (or later, when
    the job was down): a request without a first contact yet."""
    horizon = add_working_days(ctx.today, ctx.reminder_days)
    waiting = session.exec(
        select(ConfidantRequest).where(
            ConfidantRequest.status != RequestStatus.CLOSED,
            ConfidantRequest.first_contact_on.is_(None),
            ConfidantRequest.first_contact_due_on <= horizon,
        )
    ).all()
    sent = 0
    for request in waiting:
        key = (request.id, request.first_contact_due_on)
        if session.get(ConfidantReminder, key) is not None:
            continue
        session.add(ConfidantReminder(request_id=request.id, due_on=request.first_contact_due_on))
        notify.first_contact_reminder(
            session, request, request.first_contact_due_on, ctx.base_url, ctx.now
        )
        session.commit()
        sent += 1
    return sent


def apply_retention(session: Session, ctx: Context) -> int:
    """Delete the texts, thread and contact details of requests closed, or untouched,
    longer than the retention term; a request nobody closed is closed now.

    What the reports count (service, municipality, provider, topic, role, outcome and
    the days) stays. Browser access rows of earlier days go too.
    """
    cutoff = ctx.today - timedelta(days=ctx.retention_days)
    expired = (
        select(ConfidantRequest.id)
        .where(ConfidantRequest.texts_deleted_on.is_(None))
        .where(
            (ConfidantRequest.closed_on <= cutoff) | (ConfidantRequest.last_activity_on <= cutoff)
        )
    )
    ids = list(session.exec(expired))
    if ids:
        chosen = ConfidantRequest.id.in_(ids)
        session.exec(delete(ConfidantMessage).where(ConfidantMessage.request_id.in_(ids)))
        session.exec(delete(ConfidantAccess).where(ConfidantAccess.request_id.in_(ids)))
        session.exec(
            update(ConfidantRequest)
            .where(chosen, ConfidantRequest.status != RequestStatus.CLOSED)
            .values(
                status=RequestStatus.CLOSED, outcome=RequestOutcome.NO_CONTACT, closed_on=ctx.today
            )
        )
        session.exec(
            update(ConfidantRequest)
            .where(chosen)
            .values(
                question=None,
                contact_email=None,
                contact_phone=None,
                callback_window=None,
                complaint_consent=ComplaintConsent.NONE,
                texts_deleted_on=ctx.today,
            )
        )
    session.exec(delete(ConfidantAccess).where(ConfidantAccess.created_on < ctx.today))
    session.commit()
    return len(ids)


ERASED_TABLES = ("confidantrequest", "confidantmessage", "confidantaccess")


def nightly_retention(session: Session, ctx: Context) -> str:
    """The scheduler's run: retention, then the erased values made unreadable in the
    database files too (portal/privacy/erasure.py)."""
    emptied = apply_retention(session, ctx)
    result = f"emptied {emptied}"
    if emptied:
        result += "; " + erase_traces(session.get_bind(), ERASED_TABLES)
    return result
