"""Complaints from the complainant's side: file, follow up, reply, go to the
committee, withdraw. Plain functions over a database session; no Flask request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.models import (
    ComplainantRole,
    Complaint,
    ComplaintKind,
    ComplaintMessage,
    ComplaintRegime,
    ComplaintStatus,
    ComplaintTheme,
    JudgementPart,
    MessageAuthor,
    Organisation,
    Provider,
)
from portal.municipality_search import municipality_by_id
from portal.web import drafts, paging

from . import notify, receipts
from .clock import decision_due, judgement_due, refresh_next_due
from .procedure import OPEN_STATUSES, Action, Actor, ComplaintError, Context, require

TEXT_MAX = 5000
WISH_MAX = 2000
NAME_MAX = 120

__all__ = ["OPEN_STATUSES", "ComplaintError", "Context"]


@dataclass
class ComplaintDraft:
    provider_id: int
    theme: ComplaintTheme
    kind: ComplaintKind
    what_happened: str
    desired_outcome: str
    complainant_role: ComplainantRole | None = None
    municipality_id: int | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    complainant_name: str | None = None
    language: str = "nl"


@dataclass(frozen=True)
class Filed:
    complaint_id: int
    receipt_code: str
    already_filed: bool
    received_on: date


def takes_formal_complaints(provider: Provider) -> bool:
    """Only a Jeugdwet provider with a committee has a formal track (Jeugdwet art. 4.2.1)."""
    return provider.regime is ComplaintRegime.JEUGDWET and provider.committee_id is not None


def provider_of(session: Session, complaint: Complaint) -> Provider:
    provider = session.get(Provider, complaint.provider_id)
    assert provider is not None  # a foreign key
    return provider


def committee_of(session: Session, provider: Provider) -> Organisation | None:
    return session.get(Organisation, provider.committee_id) if provider.committee_id else None


def judgement_parts(session: Session, complaint: Complaint) -> list[JudgementPart]:
    return list(
        session.exec(
            select(JudgementPart)
            .where(JudgementPart.complaint_id == complaint.id)
            .order_by(JudgementPart.number)
        )
    )


def _clean(text: str | None, limit: int) -> str | None:
    return (text or "").strip()[:limit] or None


def file_complaint(session: Session, draft: ComplaintDraft, token: str, ctx: Context) -> Filed:
    """Store the complaint and return its receipt code; a resent form returns the same."""
    code = receipts.code_for_submission(token, ctx.code_pepper)
    digest = receipts.digest(code, ctx.code_pepper)
    existing = session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).first()
    if existing is not None:
        return Filed(existing.id, code, True, existing.received_on)
    provider = session.get(Provider, draft.provider_id)
    if provider is None:
        raise ComplaintError("unknown_provider")
    if draft.municipality_id and municipality_by_id(session, draft.municipality_id) is None:
        raise ComplaintError("unknown_municipality")
    formal = draft.kind is ComplaintKind.FORMAL and takes_formal_complaints(provider)
    email, phone = _clean(draft.contact_email, 254), _clean(draft.contact_phone, 40)
    complaint = Complaint(
        receipt_digest=digest,
        provider_id=provider.id,
        provider_number=_next_number(session, provider),
        municipality_id=draft.municipality_id or None,
        theme=draft.theme,
        kind=ComplaintKind.FORMAL if formal else ComplaintKind.INFORMAL,
        status=ComplaintStatus.WITH_COMMITTEE if formal else ComplaintStatus.RECEIVED,
        complainant_role=draft.complainant_role,
        filed_anonymously=not (email or phone),
        complainant_name=_clean(draft.complainant_name, NAME_MAX) if formal else None,
        what_happened=draft.what_happened.strip()[:TEXT_MAX],
        desired_outcome=_clean(draft.desired_outcome, WISH_MAX),
        contact_email=email,
        contact_phone=phone,
        language=draft.language,
        received_on=ctx.today,
        last_activity_on=ctx.today,
        decision_due_on=decision_due(ctx.today, ctx.terms, provider.awb_advisory_committee),
    )
    if formal:
        complaint.made_formal_on = complaint.committee_received_on = ctx.today
        complaint.judgement_due_on = judgement_due(ctx.today, ctx.terms)
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    try:
        session.flush()
    except IntegrityError:  # the other click won the race
        session.rollback()
        existing = session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).one()
        return Filed(existing.id, code, True, existing.received_on)
    notify.to_handlers(session, complaint, provider)
    # The draft the form kept goes in the same transaction (the token is its handle).
    drafts.spend(session, token, ctx.today)
    session.commit()
    return Filed(complaint.id, code, False, complaint.received_on)


def find_by_receipt(session: Session, raw_code: str, secret_key: str) -> Complaint | None:
    digest = receipts.digest(raw_code, secret_key)
    if digest is None:
        return None
    return session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).first()


THREAD_PAGE_SIZE = 50


@dataclass(frozen=True)
class ThreadPage:
    messages: list[ComplaintMessage]
    page: int
    pages: int


def thread_page(session: Session, statement, page: int | None = None) -> ThreadPage:
    """One page of a thread, oldest first; without a page number the latest page."""
    shown = paging.window(session, statement, page or 2**31, THREAD_PAGE_SIZE)
    rows = session.exec(
        statement.order_by(ComplaintMessage.position).offset(shown.offset).limit(shown.size)
    ).all()
    return ThreadPage(list(rows), shown.page, shown.pages)


def visible_thread(session: Session, complaint: Complaint, page: int | None = None) -> ThreadPage:
    """What the complainant may read: everything but internal notes."""
    statement = select(ComplaintMessage).where(
        ComplaintMessage.complaint_id == complaint.id, ComplaintMessage.internal.is_(False)
    )
    return thread_page(session, statement, page)


def _next_number(session: Session, provider: Provider) -> int:
    """The provider's next complaint number, counted in one UPDATE, so two complaints
    filed at once never get the same one (rolled back with a failed filing)."""
    return session.exec(  # type: ignore[call-overload]
        update(Provider)
        .where(Provider.id == provider.id)
        .values(complaints_numbered=Provider.complaints_numbered + 1)
        .returning(Provider.complaints_numbered)
    ).scalar_one()


def _require(session: Session, complaint: Complaint, action: Action, ctx: Context) -> Provider:
    provider = provider_of(session, complaint)
    require(complaint, provider.regime, Actor.COMPLAINANT, action, ctx)
    complaint.last_activity_on = ctx.today  # retention counts from the last activity
    session.add(complaint)
    return provider


def add_information(session: Session, complaint: Complaint, body: str, ctx: Context) -> None:
    provider = _require(session, complaint, Action.ADD_INFORMATION, ctx)
    session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=MessageAuthor.COMPLAINANT,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )
    notify.to_handlers(session, complaint, provider)
    session.commit()


def withdraw(session: Session, complaint: Complaint, ctx: Context) -> None:
    provider = _require(session, complaint, Action.WITHDRAW, ctx)
    complaint.status = ComplaintStatus.WITHDRAWN
    complaint.withdrawn_on = complaint.closed_on = ctx.today
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    notify.to_handlers(session, complaint, provider)
    session.commit()


@dataclass(frozen=True)
class Identity:
    """Who the committee hears: it cannot judge a complaint without hearing both sides."""

    name: str
    email: str | None = None
    phone: str | None = None


def to_committee(session: Session, complaint: Complaint, identity: Identity, ctx: Context) -> None:
    """Make the complaint formal: the provider's committee handles it from today.

    Possible while the provider handles it informally and up to the escalation
    term after an informal answer (Jeugdwet art. 4.2.1: informal handling never
    uses up the right to the committee). The committee's six weeks start today.
    """
    provider = _require(session, complaint, Action.TO_COMMITTEE, ctx)
    if not takes_formal_complaints(provider):
        raise ComplaintError("no_committee")
    if not identity.name.strip() or not (identity.email or identity.phone):
        raise ComplaintError("identity_required")
    complaint.kind = ComplaintKind.FORMAL
    complaint.status = ComplaintStatus.WITH_COMMITTEE
    complaint.closed_on = None
    complaint.made_formal_on = complaint.committee_received_on = ctx.today
    complaint.judgement_due_on = judgement_due(ctx.today, ctx.terms)
    complaint.complainant_name = _clean(identity.name, NAME_MAX)
    complaint.contact_email = _clean(identity.email, 254) or complaint.contact_email
    complaint.contact_phone = _clean(identity.phone, 40) or complaint.contact_phone
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    notify.to_handlers(session, complaint, provider)
    session.commit()


def ask_confidant(session: Session, complaint: Complaint, today: date) -> None:
    """Note the day the complainant asked a confidant for support, in the transaction of
    the request itself (portal.confidant.service.file_request). The provider is not told:
    no provider page shows this date."""
    complaint.confidant_requested_on = complaint.last_activity_on = today
    session.add(complaint)


def inform_municipality(
    session: Session, complaint: Complaint, municipality_id: int, ctx: Context
) -> None:
    """Tell the municipality that the care goes wrong: provider and theme, nothing else."""
    _require(session, complaint, Action.INFORM_MUNICIPALITY, ctx)
    municipality = municipality_by_id(session, municipality_id)
    if municipality is None:
        raise ComplaintError("unknown_municipality")
    complaint.municipality_id = complaint.municipality_id or municipality.id
    complaint.municipality_informed_on = ctx.today
    session.add(complaint)
    notify.to_municipality(session, complaint, municipality, ctx.now, ctx.digest_times)
    session.commit()
