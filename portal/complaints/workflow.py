"""Complaints from the provider's side: the status workflow, thread and inbox.

Every action checks the complaint belongs to the staff member's organisation
(callers load it with ``complaint_for_staff``), is written to the audit log and
notifies the complainant where they left an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlmodel import Session, select

from portal import audit, paging
from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    MessageAuthor,
    StaffMember,
)

from . import notify
from .clock import add_months, refresh_next_due
from .service import OPEN_STATUSES, TEXT_MAX, ComplaintError, Context

INBOX_PAGE_SIZE = 20


def complaint_for_staff(
    session: Session, staff: StaffMember, complaint_id: int
) -> Complaint | None:
    """The complaint, only when it is addressed to the staff member's own organisation."""
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or staff.provider_id is None or complaint.provider_id != staff.provider_id:
        return None
    return complaint


def thread(session: Session, complaint: Complaint) -> list[ComplaintMessage]:
    return list(
        session.exec(
            select(ComplaintMessage)
            .where(ComplaintMessage.complaint_id == complaint.id)
            .order_by(ComplaintMessage.id)
        )
    )


def _done(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    action: str,
    ctx: Context,
    tell_complainant: bool = True,
) -> None:
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    audit.record(session, staff.id, action, ctx.now, complaint.id)
    if tell_complainant:
        notify.to_complainant(session, complaint, ctx.base_url, ctx.now)
    session.commit()


def _require(complaint: Complaint, *statuses: ComplaintStatus) -> None:
    if complaint.status not in statuses:
        raise ComplaintError("not_now")


def acknowledge(session: Session, complaint: Complaint, staff: StaffMember, ctx: Context) -> None:
    _require(complaint, ComplaintStatus.RECEIVED)
    complaint.status = ComplaintStatus.ACKNOWLEDGED
    complaint.acknowledged_on = ctx.today
    _done(session, complaint, staff, "acknowledge", ctx)


def start(session: Session, complaint: Complaint, staff: StaffMember, ctx: Context) -> None:
    _require(complaint, ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED)
    complaint.acknowledged_on = complaint.acknowledged_on or ctx.today
    complaint.status = ComplaintStatus.IN_PROGRESS
    _done(session, complaint, staff, "start", ctx)


def reply(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    body: str,
    ctx: Context,
    internal: bool = False,
) -> None:
    """A message the complainant reads, or (``internal``) a note they never see."""
    if not internal:
        _require(complaint, *OPEN_STATUSES, ComplaintStatus.DECIDED)
    session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=MessageAuthor.STAFF,
            staff_id=staff.id,
            internal=internal,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )
    _done(session, complaint, staff, "note" if internal else "reply", ctx, not internal)


def extend(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    days: int,
    reason: str,
    ctx: Context,
) -> None:
    """Move the decision date once, by at most the configured term, with a reason."""
    _require(complaint, *OPEN_STATUSES)
    if complaint.extended_on is not None:
        raise ComplaintError("already_extended")
    if not 1 <= days <= ctx.terms.extension_max_days:
        raise ComplaintError("extension_too_long")
    complaint.decision_due_on += timedelta(days=days)
    complaint.extended_on = ctx.today
    complaint.extension_reason = reason.strip()[:1000]
    _done(session, complaint, staff, "extend", ctx)


def refer_to_committee(
    session: Session, complaint: Complaint, staff: StaffMember, ctx: Context
) -> None:
    if complaint.kind is not ComplaintKind.FORMAL:
        raise ComplaintError("not_formal")
    _require(
        complaint,
        ComplaintStatus.RECEIVED,
        ComplaintStatus.ACKNOWLEDGED,
        ComplaintStatus.IN_PROGRESS,
    )
    complaint.acknowledged_on = complaint.acknowledged_on or ctx.today
    complaint.status = ComplaintStatus.WITH_COMMITTEE
    complaint.committee_referred_on = ctx.today
    _done(session, complaint, staff, "refer_to_committee", ctx)


def decide(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    outcome: DecisionOutcome,
    reasoning: str,
    ctx: Context,
) -> None:
    """The provider's decision (informal) or the committee's judgement (formal).

    A formal complaint stays open until the provider states its measures.
    """
    if complaint.kind is ComplaintKind.FORMAL:
        _require(complaint, ComplaintStatus.WITH_COMMITTEE)
        complaint.measures_due_on = add_months(ctx.today, ctx.terms.measures_months)
    else:
        _require(complaint, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS)
        complaint.closed_on = ctx.today
    complaint.acknowledged_on = complaint.acknowledged_on or ctx.today
    complaint.status = ComplaintStatus.DECIDED
    complaint.decided_on = ctx.today
    complaint.outcome = outcome
    complaint.decision_reasoning = reasoning.strip()[:TEXT_MAX]
    _done(session, complaint, staff, "decide", ctx)


def record_measures(
    session: Session, complaint: Complaint, staff: StaffMember, statement: str, ctx: Context
) -> None:
    if complaint.measures_due_on is None or complaint.measures_on is not None:
        raise ComplaintError("not_now")
    complaint.measures_statement = statement.strip()[:TEXT_MAX]
    complaint.measures_on = complaint.closed_on = ctx.today
    _done(session, complaint, staff, "record_measures", ctx)


class InboxFilter(StrEnum):
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    CLOSED = "closed"
    ALL = "all"


@dataclass(frozen=True)
class InboxPage:
    complaints: list[Complaint]
    page: int
    pages: int
    total: int


def inbox(
    session: Session,
    provider_id: int,
    ctx: Context,
    show: InboxFilter = InboxFilter.OPEN,
    status: ComplaintStatus | None = None,
    theme: ComplaintTheme | None = None,
    page: int = 1,
) -> InboxPage:
    """The organisation's complaints, soonest deadline first."""
    statement = select(Complaint).where(Complaint.provider_id == provider_id)
    if status is not None:
        statement = statement.where(Complaint.status == status)
    if theme is not None:
        statement = statement.where(Complaint.theme == theme)
    if show is InboxFilter.OPEN:
        statement = statement.where(Complaint.closed_on.is_(None))
    elif show is InboxFilter.CLOSED:
        statement = statement.where(Complaint.closed_on.is_not(None))
    elif show is InboxFilter.DUE_SOON:
        soon = ctx.today + timedelta(days=ctx.terms.reminder_days)
        statement = statement.where(Complaint.next_due_on.between(ctx.today, soon))
    elif show is InboxFilter.OVERDUE:
        statement = statement.where(Complaint.next_due_on < ctx.today)
    shown = paging.window(session, statement, page, INBOX_PAGE_SIZE)
    rows = session.exec(
        statement.order_by(Complaint.next_due_on.is_(None), Complaint.next_due_on, Complaint.id)
        .offset(shown.offset)
        .limit(shown.size)
    ).all()
    return InboxPage(list(rows), shown.page, shown.pages, shown.total)
