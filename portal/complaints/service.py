"""Complaints from the complainant's side: file, follow up, reply, escalate, withdraw.

Plain functions over a database session; no Flask request in here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTheme,
    MessageAuthor,
    Municipality,
)
from portal.timeutil import dutch_day

from . import notify, receipts
from .clock import Terms, decision_due, refresh_next_due

TEXT_MAX = 5000
WISH_MAX = 2000
OPEN_STATUSES = {
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ACKNOWLEDGED,
    ComplaintStatus.IN_PROGRESS,
    ComplaintStatus.WITH_COMMITTEE,
}


class ComplaintError(Exception):
    """An action that the complaint's state does not allow; ``reason`` names it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Context:
    """What the domain needs from configuration and the clock."""

    terms: Terms
    secret_key: str
    base_url: str
    now: datetime

    @property
    def today(self) -> date:
        return dutch_day(self.now)


@dataclass
class ComplaintDraft:
    provider_id: int
    theme: ComplaintTheme
    kind: ComplaintKind
    what_happened: str
    desired_outcome: str
    municipality_id: int | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    language: str = "nl"


@dataclass(frozen=True)
class Filed:
    complaint_id: int
    receipt_code: str
    already_filed: bool


def file_complaint(session: Session, draft: ComplaintDraft, token: str, ctx: Context) -> Filed:
    """Store the complaint and return its receipt code; a resent form returns the same."""
    code = receipts.code_for_submission(token, ctx.secret_key)
    digest = receipts.digest(code, ctx.secret_key)
    existing = session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).first()
    if existing is not None:
        return Filed(existing.id, code, already_filed=True)
    complaint = Complaint(
        receipt_digest=digest,
        provider_id=draft.provider_id,
        municipality_id=draft.municipality_id,
        theme=draft.theme,
        kind=draft.kind,
        status=ComplaintStatus.RECEIVED,
        what_happened=draft.what_happened.strip()[:TEXT_MAX],
        desired_outcome=draft.desired_outcome.strip()[:WISH_MAX] or None,
        contact_email=(draft.contact_email or "").strip() or None,
        contact_phone=(draft.contact_phone or "").strip() or None,
        language=draft.language,
        received_on=ctx.today,
        decision_due_on=decision_due(ctx.today, ctx.terms),
    )
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    try:
        session.flush()
    except IntegrityError:  # the other click won the race
        session.rollback()
        existing = session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).one()
        return Filed(existing.id, code, already_filed=True)
    notify.to_staff(session, complaint, ctx.base_url, ctx.now)
    session.commit()
    return Filed(complaint.id, code, already_filed=False)


def find_by_receipt(session: Session, raw_code: str, secret_key: str) -> Complaint | None:
    digest = receipts.digest(raw_code, secret_key)
    if digest is None:
        return None
    return session.exec(select(Complaint).where(Complaint.receipt_digest == digest)).first()


def visible_thread(session: Session, complaint: Complaint) -> list[ComplaintMessage]:
    """What the complainant may read: everything but internal notes."""
    return list(
        session.exec(
            select(ComplaintMessage)
            .where(
                ComplaintMessage.complaint_id == complaint.id, ComplaintMessage.internal.is_(False)
            )
            .order_by(ComplaintMessage.id)
        )
    )


def _require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ComplaintError("closed")


def add_information(session: Session, complaint: Complaint, body: str, ctx: Context) -> None:
    _require_open(complaint)
    session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=MessageAuthor.COMPLAINANT,
            body=body.strip()[:TEXT_MAX],
            created_on=ctx.today,
        )
    )
    notify.to_staff(session, complaint, ctx.base_url, ctx.now)
    session.commit()


def withdraw(session: Session, complaint: Complaint, ctx: Context) -> None:
    _require_open(complaint)
    complaint.status = ComplaintStatus.WITHDRAWN
    complaint.withdrawn_on = complaint.closed_on = ctx.today
    refresh_next_due(complaint, ctx.terms)
    session.add(complaint)
    notify.to_staff(session, complaint, ctx.base_url, ctx.now)
    session.commit()


def make_formal(session: Session, complaint: Complaint, ctx: Context) -> None:
    """An informal complaint goes to the complaints committee instead."""
    _require_open(complaint)
    if complaint.kind is ComplaintKind.FORMAL:
        raise ComplaintError("already_formal")
    complaint.kind = ComplaintKind.FORMAL
    complaint.made_formal_on = ctx.today
    session.add(complaint)
    notify.to_staff(session, complaint, ctx.base_url, ctx.now)
    session.commit()


def ask_confidant(session: Session, complaint: Complaint, ctx: Context) -> None:
    """Record the wish for a confidant's support (answered by the confidant service)."""
    if complaint.confidant_requested_on is None:
        complaint.confidant_requested_on = ctx.today
        session.add(complaint)
        session.commit()


def inform_municipality(
    session: Session, complaint: Complaint, municipality_id: int, ctx: Context
) -> None:
    """Tell the municipality that the care goes wrong: provider and theme, nothing else."""
    if complaint.municipality_informed_on is not None:
        raise ComplaintError("already_informed")
    municipality = session.get(Municipality, municipality_id)
    if municipality is None:
        raise ComplaintError("unknown_municipality")
    complaint.municipality_id = complaint.municipality_id or municipality.id
    complaint.municipality_informed_on = ctx.today
    session.add(complaint)
    notify.to_municipality(session, complaint, municipality, ctx.now)
    session.commit()
