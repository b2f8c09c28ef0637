"""What professionals do with an arrangement. Every view and change is audited in the
same transaction as the change itself; no Flask request here."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from sqlmodel import Session

from portal import audit
from portal.models import (
    ArrangementState,
    ContactAnswer,
    ContactRole,
    FamilyAbsence,
    FamilyContact,
    FamilyRequest,
    MemberRole,
    RequestKind,
    StaffMember,
)

from . import cards, notify, queries, rules
from .context import Context
from .facts import Facts, event, load, refresh
from .service import FamilyError

LONGEST_ABSENCE = timedelta(days=366)
LATEST_HANDOVER = timedelta(days=366)


def _done(session: Session, staff: StaffMember, facts: Facts, action: str, ctx: Context) -> None:
    """Close a use case: history, audit, the stored state, one commit."""
    event(session, facts.arrangement, action, ctx.today, staff_id=staff.id)
    subject = ("familyarrangement", facts.arrangement.id)
    audit.record(session, staff.id, f"family_{action}", ctx.now, subject=subject)
    refresh(session, load(session, facts.arrangement), ctx.today)
    session.commit()


def _allowed(facts: Facts, action: rules.Action) -> None:
    if action not in rules.team_actions(facts.arrangement.state):
        raise FamilyError("not_now")


def viewed(
    session: Session, staff: StaffMember, facts: Facts | None, ctx: Context, what: str = "view"
) -> None:
    """Reading identified data is audited too: the list, a page, its cards."""
    subject = ("familyarrangement", facts.arrangement.id) if facts else None
    audit.record(session, staff.id, f"family_{what}", ctx.now, subject=subject)
    session.commit()


def respond(
    session: Session, staff: StaffMember, facts: Facts, accept: bool, reach: str, ctx: Context
) -> None:
    """The proposed professional accepts, or proposes to talk it over first."""
    if facts.arrangement.state is ArrangementState.ENDED:
        raise FamilyError("not_now")
    mine = [
        c
        for c in facts.contacts
        if c.staff_id == staff.id and (c.ends_on is None or c.ends_on > ctx.today)
    ]
    if not mine:
        raise FamilyError("not_proposed")
    for contact in mine:
        contact.answer = ContactAnswer.ACCEPTED if accept else ContactAnswer.DISCUSS
        contact.reach = reach.strip() or contact.reach
        session.add(contact)
    _done(session, staff, facts, "accepted" if accept else "discuss", ctx)


def _team_member(session: Session, facts: Facts, staff_id: int | None) -> StaffMember:
    team = {s.id: s for s in queries.team_members(session, facts.team())}
    if staff_id not in team:
        raise FamilyError("not_in_team")
    return team[staff_id]


def _open_request(facts: Facts, request_id: int | None) -> FamilyRequest:
    found = next((r for r in facts.open_requests() if r.id == request_id), None)
    if found is None:
        raise FamilyError("request_closed")
    return found


def tell_family(session: Session, facts: Facts, ctx: Context) -> None:
    readers = [
        m
        for m in facts.members
        if rules.standing(m, facts.members, ctx.today) is not rules.Standing.NONE
    ]
    notify.to_family(session, readers, ctx.base_url, ctx.now)


def answer_request(
    session: Session,
    staff: StaffMember,
    facts: Facts,
    request_id: int | None,
    text: str,
    ctx: Context,
) -> None:
    """Answer a change request (or write back on a disagreement); the family reads it."""
    _allowed(facts, rules.Action.ANSWER)
    request = _open_request(facts, request_id)
    request.answered_on, request.answer = ctx.today, text.strip()
    session.add(request)
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "answered", ctx)


def resolve(
    session: Session,
    staff: StaffMember,
    facts: Facts,
    request_id: int | None,
    text: str,
    ctx: Context,
) -> None:
    """Close a disagreement after talking it through with the family."""
    _allowed(facts, rules.Action.RESOLVE)
    request = _open_request(facts, request_id)
    if request.kind is not RequestKind.DISAGREE:
        raise FamilyError("request_closed")
    request.resolved_on = ctx.today
    if text.strip():
        request.answered_on, request.answer = request.answered_on or ctx.today, text.strip()
    session.add(request)
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "resolved", ctx)


def handover(
    session: Session,
    staff: StaffMember,
    facts: Facts,
    new_id: int | None,
    on: date,
    keep_current: bool,
    reason: str,
    ctx: Context,
) -> None:
    """A new contact person from ``on``: the current one stays until then (a warm handover,
    seed 003). Keeping both needs a written reason (000 eis 78). The family confirms again."""
    _allowed(facts, rules.Action.HANDOVER)
    newcomer = _team_member(session, facts, new_id)
    if not ctx.today <= on <= ctx.today + LATEST_HANDOVER:
        raise FamilyError("handover_date")
    current = [
        c
        for c in facts.contacts
        if c.role is ContactRole.CONTACT and (c.ends_on is None or c.ends_on > on)
    ]
    if any(c.staff_id == newcomer.id for c in current):
        raise FamilyError("same_contact")
    if keep_current and not (reason.strip() or facts.arrangement.multiple_contacts_reason):
        raise FamilyError("reason_required")
    arrangement = facts.arrangement
    if keep_current:
        arrangement.multiple_contacts_reason = (
            reason.strip() or arrangement.multiple_contacts_reason
        )
    else:
        for contact in current:
            contact.ends_on = max(on, contact.starts_on)
            session.add(contact)
    for deputy in facts.contacts:  # the deputy who becomes contact person stops being deputy
        if (
            deputy.role is ContactRole.DEPUTY
            and deputy.staff_id == newcomer.id
            and deputy.ends_on is None
        ):
            deputy.ends_on = max(on, deputy.starts_on)
            session.add(deputy)
    session.add(
        FamilyContact(
            arrangement_id=arrangement.id,
            staff_id=newcomer.id,
            role=ContactRole.CONTACT,
            starts_on=on,
        )
    )
    arrangement.proposal_round += 1
    notify.proposed(session, newcomer, ContactRole.CONTACT, arrangement, ctx.base_url, ctx.now)
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "handover", ctx)


def set_deputy(
    session: Session, staff: StaffMember, facts: Facts, deputy_id: int | None, ctx: Context
) -> None:
    _allowed(facts, rules.Action.DEPUTY)
    shown = facts.shown(ctx.today)
    newcomer = _team_member(session, facts, deputy_id) if deputy_id else None
    if newcomer is not None and any(c.staff_id == newcomer.id for c in shown.contacts):
        raise FamilyError("deputy_is_contact")
    if newcomer is None and not facts.arrangement.absence_rule.strip():
        raise FamilyError("no_fallback")
    for deputy in facts.contacts:
        if deputy.role is ContactRole.DEPUTY and (
            deputy.ends_on is None or deputy.ends_on > ctx.today
        ):
            deputy.ends_on = max(ctx.today, deputy.starts_on)
            session.add(deputy)
    if newcomer is not None:
        session.add(
            FamilyContact(
                arrangement_id=facts.arrangement.id,
                staff_id=newcomer.id,
                role=ContactRole.DEPUTY,
                starts_on=ctx.today,
            )
        )
        notify.proposed(
            session, newcomer, ContactRole.DEPUTY, facts.arrangement, ctx.base_url, ctx.now
        )
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "deputy", ctx)


def record_absence(
    session: Session,
    staff: StaffMember,
    facts: Facts,
    starts_on: date,
    ends_on: date,
    rule: str,
    ctx: Context,
) -> None:
    """The contact person is away: the family sees the deputy first, or else the absence
    rule; without either there is nobody to turn to, so it is refused."""
    _allowed(facts, rules.Action.ABSENCE)
    shown = facts.shown(ctx.today)
    away = shown.contacts[0] if shown.contacts else None
    if away is None:
        raise FamilyError("no_contact")
    if not (
        starts_on <= ends_on and ends_on >= ctx.today and ends_on - starts_on <= LONGEST_ABSENCE
    ):
        raise FamilyError("absence_dates")
    if rule.strip():
        facts.arrangement.absence_rule = rule.strip()
    if shown.deputy is None and not facts.arrangement.absence_rule:
        raise FamilyError("no_fallback")
    session.add(
        FamilyAbsence(
            arrangement_id=facts.arrangement.id,
            contact_id=away.id,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    )
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "absence", ctx)


def set_rules(
    session: Session, staff: StaffMember, facts: Facts, absence_rule: str, reason: str, ctx: Context
) -> None:
    _allowed(facts, rules.Action.RULE)
    shown = facts.shown(ctx.today)
    if len(shown.contacts) + len(shown.upcoming) > 1 and not reason.strip():
        raise FamilyError("reason_required")
    if shown.deputy is None and not absence_rule.strip():
        raise FamilyError("no_fallback")
    facts.arrangement.absence_rule = absence_rule.strip()
    facts.arrangement.multiple_contacts_reason = reason.strip()
    _done(session, staff, facts, "rules", ctx)


def new_code(
    session: Session, staff: StaffMember, facts: Facts, member_id: int | None, ctx: Context
) -> str:
    """Revoke a member's card and make a new one; returns the handle it is printed from.

    A card opens the family page as that member, so only the organisation that made the
    arrangement or the local-team coordinator makes one. The old card stops working, and
    so does a page opened with it (public_views._mine); the family page shows everyone
    that a new card was made for this member on this day, and those who left an address
    get a message, so a card made behind their back does not go unnoticed.
    """
    _allowed(facts, rules.Action.NEW_CODE)
    if not queries.may_issue_cards(staff, facts.arrangement):
        raise FamilyError("not_card_maker")
    member = facts.member(member_id) if member_id else None
    if member is None or member.role is MemberRole.NETWORK:
        raise FamilyError("no_member")
    handle = secrets.token_urlsafe(24)
    member.code_digest = cards.digest(cards.code_for(handle, member.id, ctx.code_key), ctx.code_key)
    session.add(member)
    event(session, facts.arrangement, "code", ctx.today, member_id=member.id, staff_id=staff.id)
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "new_code", ctx)
    return handle


def end(session: Session, staff: StaffMember, facts: Facts, ctx: Context) -> None:
    _allowed(facts, rules.Action.END)
    facts.arrangement.ended_on = ctx.today
    for contact in facts.contacts:
        if contact.ends_on is None or contact.ends_on > ctx.today:
            contact.ends_on = max(ctx.today, contact.starts_on)
            session.add(contact)
    tell_family(session, facts, ctx)
    _done(session, staff, facts, "end", ctx)
