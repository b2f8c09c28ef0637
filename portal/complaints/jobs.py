"""Daily complaint jobs: deadline reminders to staff, and retention.

Both are idempotent: a reminder is recorded per deadline and due date, and
retention skips complaints whose texts are gone already.
Retention counts from the last activity (Complaint.last_activity_on).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import and_, delete, or_, update
from sqlmodel import Session, select

from portal.models import (
    AuditEntry,
    Complaint,
    ComplaintHandle,
    ComplaintMessage,
    JudgementPart,
    ReminderSent,
)

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


# Dates kept after retention: coarsened to the month, enough for yearly counts and
# trends, too coarse to tie a complaint to a day in someone's life.
COARSENED_DATES = (
    "received_on",
    "acknowledged_on",
    "decision_due_on",
    "extended_on",
    "extended_from",
    "decided_on",
    "committee_received_on",
    "committee_confirmed_on",
    "judgement_due_on",
    "committee_extended_on",
    "committee_extended_from",
    "hearing_on",
    "judged_on",
    "judgement_received_on",
    "measures_due_on",
    "measures_on",
    "withdrawn_on",
    "closed_on",
    "confidant_requested_on",
    "municipality_informed_on",
    "made_formal_on",
    "last_activity_on",
    "next_due_on",
)
ERASED_TABLES = ("complaint", "complaintmessage", "judgementpart", "remindersent")


def apply_retention(session: Session, ctx: Context) -> int:
    """Erase texts, thread and contact details of complaints without activity for the
    retention term (closed or not: one never closed still expires), and coarsen
    their dates to the month.

    What reports count (provider, municipality, theme, kind, status, month) stays.
    """
    cutoff = ctx.today - timedelta(days=ctx.terms.retention_days)
    expired = session.exec(
        select(Complaint).where(
            Complaint.texts_deleted_on.is_(None),
            or_(
                Complaint.last_activity_on <= cutoff,
                Complaint.closed_on <= cutoff,
                and_(Complaint.last_activity_on.is_(None), Complaint.received_on <= cutoff),
            ),
        )
    ).all()
    for complaint in expired:
        session.exec(delete(ComplaintMessage).where(ComplaintMessage.complaint_id == complaint.id))
        session.exec(delete(ReminderSent).where(ReminderSent.complaint_id == complaint.id))
        session.exec(delete(ComplaintHandle).where(ComplaintHandle.complaint_id == complaint.id))
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
        # A receipt code kept somewhere must not find the complaint again.
        complaint.receipt_digest = "erased-" + secrets.token_hex(24)
        complaint.judgement_reasoning = complaint.judgement_recommendations = None
        if complaint.closed_on is None:  # expired without an end: it ends here
            complaint.closed_on = ctx.today
        for name in COARSENED_DATES:
            value = getattr(complaint, name)
            if value is not None:
                setattr(complaint, name, value.replace(day=1))
        complaint.texts_deleted_on = ctx.today
        session.add(complaint)
        _coarsen_audit(session, complaint.id)
    session.commit()
    return len(expired)


def _coarsen_audit(session: Session, complaint_id: int) -> None:
    """Staff actions on an erased complaint keep who and what, dated to the month only:
    their exact times would undo the coarsening of the complaint's own dates."""
    entries = session.exec(select(AuditEntry).where(AuditEntry.complaint_id == complaint_id))
    for entry in entries:
        entry.at = entry.at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        session.add(entry)
