"""Formal complaints from the independent complaints committee's side.

Jeugdwet art. 4.2.1: the committee (at least three members, a chair who does not
work for the provider) hears both sides and sends a written, reasoned judgement
within six weeks of receiving the complaint, extendable once by at most four
weeks with notice and reasons, to the complainant and the provider. One
committee may serve many providers; its staff see only those providers' cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from portal.models import (
    COMMITTEE_ROLES,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    JudgementPart,
    Provider,
    StaffMember,
)

from . import notify
from .procedure import Action, Actor, ComplaintError, Context, require
from .service import TEXT_MAX, provider_of
from .workflow import (
    REASON_MAX,
    Extension,
    InboxFilter,
    InboxPage,
    extension_of,
    filtered,
    finish_step,
    page_of,
    receive_judgement,
)


def _for_committee(committee_id: int | None):
    return (
        select(Complaint)
        .join(Provider, Provider.id == Complaint.provider_id)
        .where(
            Provider.committee_id == committee_id,
            Complaint.kind == ComplaintKind.FORMAL,
            Complaint.committee_received_on.is_not(None),
        )
    )


def complaint_for_committee(session: Session, staff: StaffMember, key: str) -> Complaint | None:
    """A formal complaint about a provider this committee serves; otherwise nothing."""
    if staff.role not in COMMITTEE_ROLES or staff.organisation_id is None:
        return None
    return session.exec(_for_committee(staff.organisation_id).where(Complaint.key == key)).first()


def inbox(
    session: Session,
    committee_id: int,
    ctx: Context,
    show: InboxFilter = InboxFilter.OPEN,
    status: ComplaintStatus | None = None,
    theme: ComplaintTheme | None = None,
    page: int = 1,
) -> InboxPage:
    # New for the committee: its receipt is not yet confirmed.
    new = Complaint.committee_confirmed_on.is_(None) & Complaint.closed_on.is_(None)
    statement = filtered(_for_committee(committee_id), ctx, show, status, theme, new)
    return page_of(session, statement, page)


def _require(session: Session, complaint: Complaint, action: Action, ctx: Context) -> None:
    require(complaint, provider_of(session, complaint).regime, Actor.COMMITTEE, action, ctx)


def confirm_receipt(
    session: Session, complaint: Complaint, staff: StaffMember, ctx: Context
) -> None:
    _require(session, complaint, Action.CONFIRM_RECEIPT, ctx)
    complaint.committee_confirmed_on = ctx.today
    finish_step(session, complaint, staff, Action.CONFIRM_RECEIPT, ctx, read=True)


def record_hearing(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    hearing_on: date,
    both_sides_heard: bool,
    ctx: Context,
) -> None:
    """Hoor en wederhoor: the committee may judge only once both sides were heard."""
    _require(session, complaint, Action.HEARING, ctx)
    if hearing_on < (complaint.committee_received_on or hearing_on):
        raise ComplaintError("hearing_before_receipt")
    if hearing_on > ctx.today:  # a hearing is recorded once it has taken place
        raise ComplaintError("hearing_in_future")
    complaint.hearing_on = hearing_on
    complaint.both_sides_heard = both_sides_heard
    finish_step(session, complaint, staff, Action.HEARING, ctx, tell_complainant=False)


def proposed_extension(complaint: Complaint, days: int, ctx: Context) -> Extension:
    assert complaint.judgement_due_on is not None
    return extension_of(complaint.judgement_due_on, days, ctx.terms.committee_extension_max_days)


def extend(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    days: int,
    reason: str,
    ctx: Context,
) -> Extension:
    """The committee's one extension, before its term ends, with reasons (art. 4.2.1)."""
    _require(session, complaint, Action.COMMITTEE_EXTEND, ctx)
    extension = proposed_extension(complaint, days, ctx)
    complaint.committee_extended_from = extension.old_due_on
    complaint.judgement_due_on = extension.new_due_on
    complaint.committee_extended_on = ctx.today
    complaint.committee_extension_reason = reason.strip()[:REASON_MAX]
    notify.to_handlers(session, complaint, provider_of(session, complaint))
    finish_step(session, complaint, staff, Action.COMMITTEE_EXTEND, ctx)
    return extension


@dataclass(frozen=True)
class PartVerdict:
    summary: str
    verdict: DecisionOutcome


def judge(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    parts: list[PartVerdict],
    reasoning: str,
    recommendations: str,
    ctx: Context,
) -> None:
    """The written, reasoned judgement per complaint part, sent to complainant and provider.

    The provider reads it but cannot change it; its month for the statement of
    measures starts today (Jeugdwet art. 4.2.2).
    """
    _require(session, complaint, Action.JUDGE, ctx)
    if not reasoning.strip():
        raise ComplaintError("reasoning_required")
    if not parts:
        raise ComplaintError("parts_required")
    session.add_all(
        JudgementPart(
            complaint_id=complaint.id,
            number=number,
            summary=part.summary.strip()[:REASON_MAX] or None,
            verdict=part.verdict,
        )
        for number, part in enumerate(parts, start=1)
    )
    complaint.status = ComplaintStatus.JUDGED
    complaint.judged_on = ctx.today
    complaint.judgement_reasoning = reasoning.strip()[:TEXT_MAX]
    complaint.judgement_recommendations = recommendations.strip()[:TEXT_MAX] or None
    receive_judgement(complaint, ctx)
    notify.to_handlers(session, complaint, provider_of(session, complaint))
    finish_step(session, complaint, staff, Action.JUDGE, ctx)
