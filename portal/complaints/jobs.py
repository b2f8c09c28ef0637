"""Daily complaint jobs: deadline reminders to staff, and retention.

Both are idempotent: a reminder is recorded per deadline and due date, and
retention skips complaints whose texts are gone already.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, select

from portal.models import Complaint, ComplaintMessage, JudgementPart, ReminderSent

from . import notify
from .clock import open_deadlines
from .procedure import Context


def send_deadline_reminders(session: Session, ctx: Context) -> int:
    """Mail staff once per deadline when it is within the reminder term."""
    horizon = ctx.today + timedelta(days=ctx.terms.reminder_days)
    candidates = session.exec(
        select(Complaint).where(Complaint.closed_on.is_(None), Complaint.next_due_on <= horizon)
    ).all()
    sent = 0
    for complaint in candidates:
        for deadline in open_deadlines(complaint, ctx.terms):
            if deadline.due_on > horizon:
                continue
            key = (complaint.id, deadline.kind.value, deadline.due_on)
            if session.get(ReminderSent, key) is not None:
                continue
            session.add(
                ReminderSent(
                    complaint_id=complaint.id, deadline=deadline.kind.value, due_on=deadline.due_on
                )
            )
            notify.deadline_reminder(
                session,
                complaint,
                deadline.kind,
                deadline.days_left(ctx.today),
                ctx.base_url,
                ctx.now,
            )
            session.commit()
            sent += 1
    return sent


def apply_retention(session: Session, ctx: Context) -> int:
    """Delete texts, thread and contact details of complaints closed long enough ago.

    What reports count (provider, municipality, theme, kind, status and dates) stays.
    """
    cutoff = ctx.today - timedelta(days=ctx.terms.retention_days)
    expired = session.exec(
        select(Complaint).where(
            Complaint.closed_on.is_not(None),
            Complaint.closed_on <= cutoff,
            Complaint.texts_deleted_on.is_(None),
        )
    ).all()
    for complaint in expired:
        session.exec(delete(ComplaintMessage).where(ComplaintMessage.complaint_id == complaint.id))
        session.exec(
            update(JudgementPart)
            .where(JudgementPart.complaint_id == complaint.id)
            .values(summary=None)
        )
        complaint.what_happened = complaint.desired_outcome = None
        complaint.contact_email = complaint.contact_phone = None
        complaint.extension_reason = complaint.decision_reasoning = None
        complaint.measures_statement = complaint.complainant_name = None
        complaint.committee_extension_reason = None
        complaint.judgement_reasoning = complaint.judgement_recommendations = None
        complaint.texts_deleted_on = ctx.today
        session.add(complaint)
    session.commit()
    return len(expired)
