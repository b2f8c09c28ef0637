"""Complaints from the provider's side: the status workflow, thread and inbox.

Every action checks the complaint belongs to the staff member's organisation
(callers load it with ``complaint_for_staff``), is allowed by the procedure
table, is written to the audit log in the same transaction and notifies the
complainant where they left an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, select

from portal import audit
from portal.models import (
    Complaint,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    MessageAuthor,
    StaffMember,
)
from portal.web import paging

from . import notify
from .clock import measures_due, refresh_next_due
from .procedure import Action, Actor, ComplaintError, Context, require
from .service import TEXT_MAX, ThreadPage, provider_of, thread_page

INBOX_PAGE_SIZE = 20
REASON_MAX = 1000


def complaint_for_staff(session: Session, staff: StaffMember, key: str) -> Complaint | None:
    """The complaint with this URL key, only when it is addressed to the staff member's
    own organisation."""
    complaint = session.exec(select(Complaint).where(Complaint.key == key)).first()
    if complaint is None or staff.provider_id is None or complaint.provider_id != staff.provider_id:
        return None
    return complaint


def thread(
    session: Session,
    complaint: Complaint,
    reader: MessageAuthor = MessageAuthor.STAFF,
    page: int | None = None,
) -> ThreadPage:
    """Messages and the reader's own side's internal notes (the provider never reads the
    committee's notes, nor the other way round)."""
    statement = select(ComplaintMessage).where(
        ComplaintMessage.complaint_id == complaint.id,
        ComplaintMessage.internal.is_(False) | (ComplaintMessage.author == reader),
    )
    return thread_page(session, statement, page)


def finish_step(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    action: Action,
    ctx: Context,
    tell_complainant: bool = True,
    read: bool = False,
) -> None:
    """One transaction per step: the change, its audit entry and its mails commit together."""
    complaint.last_activity_on = ctx.today  # retention counts from the last activity
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    audit.record(session, staff.id, action.value, ctx.now, complaint.id)
    if tell_complainant:
        notify.to_complainant(session, complaint, ctx.base_url, ctx.now, read=read)
    session.commit()


def _require(session: Session, complaint: Complaint, action: Action, ctx: Context) -> None:
    require(complaint, provider_of(session, complaint).regime, Actor.PROVIDER, action, ctx)


def acknowledge(session: Session, complaint: Complaint, staff: StaffMember, ctx: Context) -> None:
    """Written acknowledgement (Awb art. 9:6; for providers their own promise)."""
    _require(session, complaint, Action.ACKNOWLEDGE, ctx)
    complaint.status = ComplaintStatus.ACKNOWLEDGED
    complaint.acknowledged_on = ctx.today
    finish_step(session, complaint, staff, Action.ACKNOWLEDGE, ctx, read=True)


def start(session: Session, complaint: Complaint, staff: StaffMember, ctx: Context) -> None:
    _require(session, complaint, Action.START, ctx)
    first_read = complaint.acknowledged_on is None
    complaint.acknowledged_on = complaint.acknowledged_on or ctx.today
    complaint.status = ComplaintStatus.IN_PROGRESS
    finish_step(session, complaint, staff, Action.START, ctx, read=first_read)


def add_message(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    author: MessageAuthor,
    body: str,
    ctx: Context,
    internal: bool = False,
) -> None:
    session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=author,
            staff_id=staff.id,
            internal=internal,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )


def reply(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    body: str,
    ctx: Context,
    internal: bool = False,
    actor: Actor = Actor.PROVIDER,
) -> None:
    """A message the complainant reads, or (``internal``) a note only the writer's own
    side reads; written by the provider or, with ``actor``, the committee."""
    action = Action.NOTE if internal else Action.REPLY
    require(complaint, provider_of(session, complaint).regime, actor, action, ctx)
    author = MessageAuthor.COMMITTEE if actor is Actor.COMMITTEE else MessageAuthor.STAFF
    add_message(session, complaint, staff, author, body, ctx, internal)
    finish_step(session, complaint, staff, action, ctx, tell_complainant=not internal)


@dataclass(frozen=True)
class Extension:
    old_due_on: date
    new_due_on: date


def proposed_extension(complaint: Complaint, days: int, ctx: Context) -> Extension:
    """What an extension would do, for the confirmation page; checks the rules."""
    return extension_of(complaint.decision_due_on, days, ctx.terms.extension_max_days)


def extension_of(due_on: date, days: int, longest: int) -> Extension:
    if not 1 <= days <= longest:
        raise ComplaintError("extension_too_long")
    return Extension(due_on, due_on + timedelta(days=days))


def extend(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    days: int,
    reason: str,
    ctx: Context,
) -> Extension:
    """Move the answer date once, before it has passed, by at most the legal four weeks
    (Awb art. 9:11 lid 2), with a reason the complainant reads."""
    _require(session, complaint, Action.EXTEND, ctx)
    extension = proposed_extension(complaint, days, ctx)
    complaint.extended_from = extension.old_due_on
    complaint.decision_due_on = extension.new_due_on
    complaint.extended_on = ctx.today
    complaint.extension_reason = reason.strip()[:REASON_MAX]
    finish_step(session, complaint, staff, Action.EXTEND, ctx)
    return extension


def decide(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    outcome: DecisionOutcome,
    reasoning: str,
    ctx: Context,
) -> None:
    """The provider's own (informal) answer, or the municipality's under Awb art. 9:12.

    It closes the complaint; under the Jeugdwet the complainant may still take it
    to the committee within the escalation term.
    """
    _require(session, complaint, Action.DECIDE, ctx)
    if not reasoning.strip():
        raise ComplaintError("reasoning_required")
    complaint.status = ComplaintStatus.DECIDED
    complaint.decided_on = complaint.closed_on = ctx.today
    complaint.outcome = outcome
    complaint.decision_reasoning = reasoning.strip()[:TEXT_MAX]
    finish_step(session, complaint, staff, Action.DECIDE, ctx)


def record_measures(
    session: Session, complaint: Complaint, staff: StaffMember, statement: str, ctx: Context
) -> None:
    """The provider's statement of measures after the judgement, to complainant and
    committee (Jeugdwet art. 4.2.2)."""
    _require(session, complaint, Action.MEASURES, ctx)
    if not statement.strip():
        raise ComplaintError("statement_required")
    complaint.measures_statement = statement.strip()[:TEXT_MAX]
    complaint.measures_on = complaint.closed_on = ctx.today
    complaint.status = ComplaintStatus.CONCLUDED
    notify.to_handlers(session, complaint, provider_of(session, complaint))
    finish_step(session, complaint, staff, Action.MEASURES, ctx)


def receive_judgement(complaint: Complaint, ctx: Context) -> None:
    """The judgement reaches the provider in the portal the day it is sent; the
    month for the statement of measures starts then (Jeugdwet art. 4.2.2)."""
    complaint.judgement_received_on = ctx.today
    complaint.measures_due_on = measures_due(ctx.today, ctx.terms)


class InboxFilter(StrEnum):
    OPEN = "open"
    NEW = "new"
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


def filtered(
    statement,
    ctx: Context,
    show: InboxFilter,
    status: ComplaintStatus | None,
    theme: ComplaintTheme | None,
    new=None,
):
    if new is None:
        new = Complaint.status == ComplaintStatus.RECEIVED
    if status is not None:
        statement = statement.where(Complaint.status == status)
    if theme is not None:
        statement = statement.where(Complaint.theme == theme)
    if show is InboxFilter.OPEN:
        statement = statement.where(Complaint.closed_on.is_(None))
    elif show is InboxFilter.NEW:
        statement = statement.where(new)
    elif show is InboxFilter.CLOSED:
        statement = statement.where(Complaint.closed_on.is_not(None))
    elif show is InboxFilter.DUE_SOON:
        soon = ctx.today + timedelta(days=ctx.terms.reminder_days)
        statement = statement.where(Complaint.next_due_on.between(ctx.today, soon))
    elif show is InboxFilter.OVERDUE:
        statement = statement.where(Complaint.next_due_on < ctx.today)
    return statement


def page_of(session: Session, statement, page: int) -> InboxPage:
    """Soonest deadline first, then the rest."""
    shown = paging.window(session, statement, page, INBOX_PAGE_SIZE)
    rows = session.exec(
        statement.order_by(Complaint.next_due_on.is_(None), Complaint.next_due_on, Complaint.id)
        .offset(shown.offset)
        .limit(shown.size)
    ).all()
    return InboxPage(list(rows), shown.page, shown.pages, shown.total)


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
    return page_of(session, filtered(statement, ctx, show, status, theme), page)
