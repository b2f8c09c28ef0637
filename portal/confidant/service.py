"""Confidant requests from the requester's side: file one, open it with the receipt code,
read the thread, write back, give or withdraw consent, withdraw. Plain functions over a
database session, no Flask request; one transaction per use case.

Everything a requester does is dated by the day only (anonymity, issue 7).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.complaints import receipts
from portal.complaints import service as complaints
from portal.models import (
    CallbackWindow,
    Complaint,
    ComplaintConsent,
    ConfidantAccess,
    ConfidantAuthor,
    ConfidantMessage,
    ConfidantRequest,
    ConfidantService,
    ContactMethod,
    Provider,
    RequesterRole,
    RequestOutcome,
    RequestStatus,
    RequestTopic,
)
from portal.municipality_search import municipality_by_id
from portal.web import drafts, paging

from . import notify, routing
from .context import Context, add_working_days
from .rules import Action, Actor, RequestError, Situation, allowed, require

TEXT_MAX = 5000
THREAD_PAGE_SIZE = 50

__all__ = ["Context", "RequestError"]


@dataclass
class RequestDraft:
    requester_role: RequesterRole
    topic: RequestTopic
    question: str
    contact_method: ContactMethod
    municipality_id: int | None = None
    provider_id: int | None = None
    complaint_id: int | None = None
    complaint_consent: ComplaintConsent = ComplaintConsent.NONE
    contact_email: str | None = None
    contact_phone: str | None = None
    callback_window: CallbackWindow | None = None
    language: str = "nl"


@dataclass(frozen=True)
class Filed:
    request_id: int
    receipt_code: str
    already_filed: bool
    received_on: date


def _clean(text: str | None, limit: int) -> str | None:
    return (text or "").strip()[:limit] or None


def open_request_for(session: Session, complaint_id: int) -> ConfidantRequest | None:
    """The request asked from this complaint that is not closed yet, if any."""
    return session.exec(
        select(ConfidantRequest)
        .where(
            ConfidantRequest.complaint_id == complaint_id,
            ConfidantRequest.status != RequestStatus.CLOSED,
        )
        .order_by(ConfidantRequest.id.desc())
    ).first()


def file_request(session: Session, draft: RequestDraft, token: str, ctx: Context) -> Filed:
    """Store the request with the service that covers the municipality and return its
    receipt code; a resent form returns the same code."""
    code = receipts.code_for_submission(token, ctx.code_pepper)
    digest = receipts.digest(code, ctx.code_pepper)
    existing = _by_digest(session, digest)
    if existing is not None:
        return Filed(existing.id, code, True, existing.received_on)
    if draft.municipality_id and municipality_by_id(session, draft.municipality_id) is None:
        raise RequestError("unknown_municipality")
    if draft.provider_id and session.get(Provider, draft.provider_id) is None:
        raise RequestError("unknown_provider")
    info = routing.info_for(session, draft.municipality_id, ctx.first_contact_days)
    if info is None or not info.takes_requests:
        raise RequestError("no_desk")
    complaint = _complaint(session, draft)
    email = (
        _clean(draft.contact_email, 254) if draft.contact_method is ContactMethod.EMAIL else None
    )
    phone = (
        _clean(draft.contact_phone, 40) if draft.contact_method is ContactMethod.CALLBACK else None
    )
    request = ConfidantRequest(
        receipt_digest=digest,
        service_id=info.organisation.id,
        service_number=_next_number(session, info.organisation.id, info.first_contact_days),
        municipality_id=draft.municipality_id or None,
        provider_id=complaint.provider_id if complaint else (draft.provider_id or None),
        complaint_id=complaint.id if complaint else None,
        complaint_consent=draft.complaint_consent if complaint else ComplaintConsent.NONE,
        topic=draft.topic,
        requester_role=draft.requester_role,
        question=draft.question.strip()[:TEXT_MAX],
        contact_method=draft.contact_method,
        contact_email=email,
        contact_phone=phone,
        callback_window=draft.callback_window if phone else None,
        language=draft.language,
        status=RequestStatus.NEW,
        received_on=ctx.today,
        first_contact_due_on=add_working_days(ctx.today, info.first_contact_days),
        last_activity_on=ctx.today,
    )
    session.add(request)
    try:
        session.flush()
    except IntegrityError:  # the other click won the race
        session.rollback()
        existing = _by_digest(session, digest)
        assert existing is not None
        return Filed(existing.id, code, True, existing.received_on)
    if complaint is not None:
        complaints.ask_confidant(session, complaint, ctx.today)
    notify.to_desk(session, request)
    drafts.spend(session, token, ctx.today)
    session.commit()
    return Filed(request.id, code, False, request.received_on)


def _next_number(session: Session, service_id: int, days: int) -> int:
    """The service's next request number, counted in one UPDATE, so two requests at once
    never get the same one (rolled back with a failed filing). A service set up only as
    an organisation gets its settings row here."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(  # type: ignore[call-overload]
        insert(ConfidantService)
        .values(organisation_id=service_id, national=False, first_contact_days=days)
        .on_conflict_do_nothing()
    )
    return session.exec(  # type: ignore[call-overload]
        update(ConfidantService)
        .where(ConfidantService.organisation_id == service_id)
        .values(requests_numbered=ConfidantService.requests_numbered + 1)
        .returning(ConfidantService.requests_numbered)
    ).scalar_one()


def _complaint(session: Session, draft: RequestDraft) -> Complaint | None:
    if not draft.complaint_id:
        return None
    complaint = session.get(Complaint, draft.complaint_id)
    if complaint is None:
        raise RequestError("unknown_complaint")
    if open_request_for(session, complaint.id) is not None:
        raise RequestError("already_asked")
    return complaint


def _by_digest(session: Session, digest: str | None) -> ConfidantRequest | None:
    if digest is None:
        return None
    return session.exec(
        select(ConfidantRequest).where(ConfidantRequest.receipt_digest == digest)
    ).first()


def find_by_receipt(session: Session, raw_code: str, code_pepper: str) -> ConfidantRequest | None:
    return _by_digest(session, receipts.digest(raw_code, code_pepper))


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_access(session: Session, request: ConfidantRequest, today: date) -> str:
    """A random token for the browser's session; the row it names opens the request.
    The receipt code itself never goes into the cookie."""
    token = secrets.token_urlsafe(24)
    session.add(ConfidantAccess(id=_key(token), request_id=request.id, created_on=today))
    session.commit()
    return token


def request_for_access(session: Session, token: object, today: date) -> ConfidantRequest | None:
    """The request behind a token of today; None for a forged, closed or old one."""
    if not isinstance(token, str) or not token:
        return None
    access = session.get(ConfidantAccess, _key(token))
    if access is None or access.created_on != today:
        return None
    return session.get(ConfidantRequest, access.request_id)


def close_access(session: Session, token: object) -> None:
    if isinstance(token, str) and token:
        session.exec(delete(ConfidantAccess).where(ConfidantAccess.id == _key(token)))
        session.commit()


@dataclass(frozen=True)
class ThreadPage:
    messages: list[ConfidantMessage]
    page: int
    pages: int


def thread(
    session: Session, request: ConfidantRequest, internal: bool = False, page: int | None = None
) -> ThreadPage:
    """One page of the thread, oldest first (without a page number: the latest page);
    ``internal`` adds the confidants' notes, for the desk."""
    statement = select(ConfidantMessage).where(ConfidantMessage.request_id == request.id)
    if not internal:
        statement = statement.where(ConfidantMessage.internal.is_(False))
    shown = paging.window(session, statement, page or 2**31, THREAD_PAGE_SIZE)
    rows = session.exec(
        statement.order_by(ConfidantMessage.id).offset(shown.offset).limit(shown.size)
    ).all()
    return ThreadPage(list(rows), shown.page, shown.pages)


def requester_actions(request: ConfidantRequest) -> frozenset[Action]:
    return allowed(request, Actor.REQUESTER, Situation())


def _acted(request: ConfidantRequest, action: Action, ctx: Context) -> None:
    require(request, Actor.REQUESTER, action, Situation())
    request.last_activity_on = ctx.today


def write(session: Session, request: ConfidantRequest, body: str, ctx: Context) -> None:
    _acted(request, Action.WRITE, ctx)
    session.add(
        ConfidantMessage(
            request_id=request.id,
            author=ConfidantAuthor.REQUESTER,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )
    session.add(request)
    notify.to_desk(session, request)
    session.commit()


def withdraw(session: Session, request: ConfidantRequest, ctx: Context) -> None:
    _acted(request, Action.WITHDRAW, ctx)
    request.status, request.outcome = RequestStatus.CLOSED, RequestOutcome.WITHDRAWN
    request.closed_on = ctx.today
    session.add(request)
    notify.to_desk(session, request)
    session.commit()


def set_consent(
    session: Session, request: ConfidantRequest, consent: ComplaintConsent, ctx: Context
) -> None:
    """Give, change or withdraw consent to read (and write in) the complaint. After
    closing it can only be withdrawn."""
    require(request, Actor.REQUESTER, Action.CONSENT, Situation())
    if request.status is RequestStatus.CLOSED and consent is not ComplaintConsent.NONE:
        raise RequestError("not_now")
    if consent is request.complaint_consent:
        return
    request.last_activity_on = ctx.today
    request.complaint_consent = consent
    request.consent_changed_on = ctx.today
    session.add(request)
    notify.to_desk(session, request)
    session.commit()
