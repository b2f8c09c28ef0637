"""The confidant desk's side of a request: the queue, taking and (re)assigning, the first
contact, messages and notes, writing in the complaint with consent, closing.

Every action checks the request belongs to the staff member's own service (callers
load it with ``request_for_staff``), is allowed by the rules table, and writes its
audit entry in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import case, exists
from sqlmodel import Session, select

from portal import audit
from portal.complaints import notify as complaint_notify
from portal.complaints import service as complaints
from portal.complaints.procedure import OPEN_STATUSES
from portal.models import (
    Complaint,
    ComplaintConsent,
    ComplaintMessage,
    ConfidantAuthor,
    ConfidantMessage,
    ConfidantRequest,
    MessageAuthor,
    RequestOutcome,
    RequestStatus,
    StaffMember,
)
from portal.web import paging

from . import notify, routing
from .context import Context
from .rules import Action, RequestError, Situation, actor_of, allowed, require
from .service import TEXT_MAX

QUEUE_PAGE_SIZE = 20
SUBJECT = "confidantrequest"


class QueueFilter(StrEnum):
    OPEN = "open"
    MINE = "mine"
    UNASSIGNED = "unassigned"  # nobody, or a confidant who left
    CLOSED = "closed"


@dataclass(frozen=True)
class QueuePage:
    requests: list[ConfidantRequest]
    page: int
    pages: int
    total: int


def request_for_staff(session: Session, staff: StaffMember, key: str) -> ConfidantRequest | None:
    """The request with this key, only when it went to the staff member's own service."""
    if staff.organisation_id is None:
        return None
    return session.exec(
        select(ConfidantRequest).where(
            ConfidantRequest.key == key, ConfidantRequest.service_id == staff.organisation_id
        )
    ).first()


def _without_active_assignee():
    active = exists().where(
        StaffMember.id == ConfidantRequest.assigned_to, StaffMember.active.is_(True)
    )
    return ConfidantRequest.assigned_to.is_(None) | ~active


def queue(session: Session, staff: StaffMember, show: QueueFilter, page: int) -> QueuePage:
    """New requests first, then by first-contact target; closed ones newest first."""
    statement = select(ConfidantRequest).where(ConfidantRequest.service_id == staff.organisation_id)
    open_ = ConfidantRequest.status != RequestStatus.CLOSED
    if show is QueueFilter.CLOSED:
        statement = statement.where(~open_)
        order = [ConfidantRequest.closed_on.desc(), ConfidantRequest.id.desc()]
    else:
        statement = statement.where(open_)
        if show is QueueFilter.MINE:
            statement = statement.where(ConfidantRequest.assigned_to == staff.id)
        elif show is QueueFilter.UNASSIGNED:
            statement = statement.where(_without_active_assignee())
        is_new = case((ConfidantRequest.status == RequestStatus.NEW, 0), else_=1)
        order = [is_new, ConfidantRequest.first_contact_due_on, ConfidantRequest.id]
    shown = paging.window(session, statement, page, QUEUE_PAGE_SIZE)
    rows = session.exec(statement.order_by(*order).offset(shown.offset).limit(shown.size))
    return QueuePage(list(rows), shown.page, shown.pages, shown.total)


def situation(session: Session, request: ConfidantRequest, staff: StaffMember) -> Situation:
    assignee = session.get(StaffMember, request.assigned_to) if request.assigned_to else None
    complaint = session.get(Complaint, request.complaint_id) if request.complaint_id else None
    return Situation(
        staff_id=staff.id,
        assignee_active=assignee is not None and assignee.active,
        complaint_open=complaint is not None and complaint.status in OPEN_STATUSES,
    )


def actions_for(
    session: Session, request: ConfidantRequest, staff: StaffMember
) -> frozenset[Action]:
    return allowed(request, actor_of(staff.role), situation(session, request, staff))


def _require(
    session: Session, request: ConfidantRequest, staff: StaffMember, action: Action
) -> None:
    require(request, actor_of(staff.role), action, situation(session, request, staff))


def _finish(
    session: Session, request: ConfidantRequest, staff: StaffMember, action: Action, ctx: Context
) -> None:
    """One transaction per step: the change, its audit entry and its mails together."""
    request.last_activity_on = ctx.today
    session.add(request)
    audit.record(session, staff.id, action.value, ctx.now, subject=(SUBJECT, request.id))
    session.commit()


def _first_contact(request: ConfidantRequest, staff: StaffMember, today: date) -> None:
    """The first contact; a coordinator who makes it on a request nobody had takes it."""
    if request.assigned_to is None:
        request.assigned_to = staff.id
    if request.first_contact_on is None:
        request.first_contact_on = today
        request.days_to_first_contact = (today - request.received_on).days
    if request.status is not RequestStatus.CLOSED:
        request.status = RequestStatus.IN_CONTACT


def claim(session: Session, request: ConfidantRequest, staff: StaffMember, ctx: Context) -> None:
    _require(session, request, staff, Action.CLAIM)
    request.assigned_to = staff.id
    if request.status is RequestStatus.NEW:
        request.status = RequestStatus.ASSIGNED
    _finish(session, request, staff, Action.CLAIM, ctx)


def assign(
    session: Session,
    request: ConfidantRequest,
    staff: StaffMember,
    assignee_id: int,
    ctx: Context,
) -> None:
    """The coordinator gives the request to a confidant of the service (also when the
    confidant it had has left)."""
    _require(session, request, staff, Action.ASSIGN)
    colleagues = {m.id: m for m in routing.desk_staff(session, request.service_id)}
    assignee = colleagues.get(assignee_id)
    if assignee is None:
        raise RequestError("unknown_confidant")
    request.assigned_to = assignee.id
    if request.status is RequestStatus.NEW:
        request.status = RequestStatus.ASSIGNED
    if assignee.id != staff.id:
        notify.to_assignee(session, request, assignee, ctx.base_url, ctx.now)
    _finish(session, request, staff, Action.ASSIGN, ctx)


def record_contact(
    session: Session, request: ConfidantRequest, staff: StaffMember, ctx: Context
) -> None:
    """The first contact happened outside Klankbord (a call back, an e-mail)."""
    _require(session, request, staff, Action.CONTACT)
    _first_contact(request, staff, ctx.today)
    _finish(session, request, staff, Action.CONTACT, ctx)


def _message(
    request: ConfidantRequest, staff: StaffMember, body: str, internal: bool, ctx: Context
) -> ConfidantMessage:
    return ConfidantMessage(
        request_id=request.id,
        author=ConfidantAuthor.CONFIDANT,
        staff_id=staff.id,
        internal=internal,
        body=body.strip()[:TEXT_MAX],
        created_on=ctx.today,
    )


def reply(
    session: Session, request: ConfidantRequest, staff: StaffMember, body: str, ctx: Context
) -> None:
    """A message the requester reads with the code; the first one is the first contact."""
    _require(session, request, staff, Action.REPLY)
    session.add(_message(request, staff, body, False, ctx))
    _first_contact(request, staff, ctx.today)
    notify.to_requester(session, request, ctx.base_url, ctx.now)
    _finish(session, request, staff, Action.REPLY, ctx)


def note(
    session: Session, request: ConfidantRequest, staff: StaffMember, body: str, ctx: Context
) -> None:
    _require(session, request, staff, Action.NOTE)
    session.add(_message(request, staff, body, True, ctx))
    _finish(session, request, staff, Action.NOTE, ctx)


def write_in_complaint(
    session: Session, request: ConfidantRequest, staff: StaffMember, body: str, ctx: Context
) -> None:
    """With consent to write: a message in the complaint's thread as the complainant's
    confidant. The organisation reads it (and hears of it in its digest)."""
    _require(session, request, staff, Action.COMPLAINT_MESSAGE)
    complaint = session.get(Complaint, request.complaint_id)
    assert complaint is not None  # the rules checked it
    session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=MessageAuthor.CONFIDANT,
            staff_id=staff.id,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )
    complaint.last_activity_on = ctx.today  # the complaint's retention counts from here
    session.add(complaint)
    complaint_notify.to_handlers(session, complaint, complaints.provider_of(session, complaint))
    _finish(session, request, staff, Action.COMPLAINT_MESSAGE, ctx)


def close(
    session: Session,
    request: ConfidantRequest,
    staff: StaffMember,
    outcome: RequestOutcome,
    ctx: Context,
) -> None:
    _require(session, request, staff, Action.CLOSE)
    request.status, request.outcome, request.closed_on = RequestStatus.CLOSED, outcome, ctx.today
    notify.to_requester(session, request, ctx.base_url, ctx.now)
    _finish(session, request, staff, Action.CLOSE, ctx)


@dataclass(frozen=True)
class ComplaintView:
    """What a confidant may know of the linked complaint."""

    complaint: Complaint
    readable: bool  # consent given: the complaint and its thread


def complaint_view(session: Session, request: ConfidantRequest) -> ComplaintView | None:
    if request.complaint_id is None:
        return None
    complaint = session.get(Complaint, request.complaint_id)
    if complaint is None:
        return None
    # Only while the request is open: a closed one needs the complaint no more.
    readable = request.status is not RequestStatus.CLOSED and request.complaint_consent in (
        ComplaintConsent.READ,
        ComplaintConsent.WRITE,
    )
    return ComplaintView(complaint, readable)
