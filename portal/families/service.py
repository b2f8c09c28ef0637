"""Family arrangements: making one, and what family members do on their page.

One transaction per use case: the change, its history entry, its audit entry (for
staff) and its mail commit together. No Flask request here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from portal import audit
from portal.models import (
    ContactRole,
    FamilyArrangement,
    FamilyContact,
    FamilyMember,
    FamilyOrganisation,
    FamilyRequest,
    MemberAnswer,
    MemberRole,
    RequestKind,
    StaffMember,
)

from . import cards, notify, queries, rules
from .context import Context
from .facts import Facts, event, load, refresh

SUBJECT = "familyarrangement"


class FamilyError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewMember:
    name: str
    role: MemberRole
    born_on: date | None = None


@dataclass(frozen=True)
class NewArrangement:
    municipality_id: int
    label: str
    helpers: dict[int, int]  # provider id -> number of helpers
    members: list[NewMember]
    contact_id: int
    deputy_id: int | None = None
    second_contact_id: int | None = None
    multiple_contacts_reason: str = ""
    absence_rule: str = ""


def check_members(members: list[NewMember], today: date) -> str | None:
    """The family part of a new arrangement: a youth with a date of birth, and someone who
    decides with or for a youth under 16."""
    youths = [m for m in members if m.role is MemberRole.YOUTH]
    if not youths:
        return "no_youth"
    if any(m.born_on is None for m in youths):
        return "birth_date_required"
    if any(
        m.born_on > today or rules.age_on(m.born_on, today) > rules.OLDEST_YOUTH for m in youths
    ):
        return "birth_date_range"
    young = any(rules.age_on(m.born_on, today) < rules.TOGETHER_UNTIL for m in youths)
    if young and not any(m.role in rules.PARENTS for m in members):
        return "no_parent_with_authority"
    return None


def check(session: Session, staff: StaffMember, new: NewArrangement, today: date) -> str | None:
    """Everything the wizard checks, again on the server side at the final send."""
    served = {m.id for m in queries.served_municipalities(session, staff.provider_id)}
    if new.municipality_id not in served:
        return "municipality"
    involved = {p for p, n in new.helpers.items() if n > 0}
    if len(involved) < rules.MIN_ORGANISATIONS:
        return "too_few_organisations"
    if problem := check_members(new.members, today):
        return problem
    team = {s.id for s in queries.team_members(session, involved)}
    chosen = [new.contact_id, new.deputy_id, new.second_contact_id]
    if any(person is not None and person not in team for person in chosen):
        return "not_in_team"
    if new.deputy_id is not None and new.deputy_id in (new.contact_id, new.second_contact_id):
        return "deputy_is_contact"
    if new.second_contact_id is not None and not new.multiple_contacts_reason.strip():
        return "reason_required"
    if new.second_contact_id == new.contact_id:
        return "same_contact"
    if new.deputy_id is None and not new.absence_rule.strip():
        return "no_fallback"
    return None


def create(
    session: Session, staff: StaffMember, new: NewArrangement, ctx: Context
) -> tuple[FamilyArrangement, str]:
    """The arrangement, proposed; returns it and the handle its cards are printed from."""
    if problem := check(session, staff, new, ctx.today):
        raise FamilyError(problem)
    arrangement = FamilyArrangement(
        municipality_id=new.municipality_id,
        provider_id=staff.provider_id,
        made_by_id=staff.id,
        label=new.label.strip(),
        absence_rule=new.absence_rule.strip(),
        multiple_contacts_reason=new.multiple_contacts_reason.strip(),
        proposed_on=ctx.today,
    )
    session.add(arrangement)
    session.flush()
    session.add_all(
        FamilyOrganisation(arrangement_id=arrangement.id, provider_id=p, helpers=n)
        for p, n in new.helpers.items()
        if n > 0
    )
    members = [
        FamilyMember(
            arrangement_id=arrangement.id, name=m.name.strip(), role=m.role, born_on=m.born_on
        )
        for m in new.members
    ]
    session.add_all(members)
    session.flush()
    handle = secrets.token_urlsafe(24)
    for member in members:
        if member.role is not MemberRole.NETWORK:
            member.code_digest = cards.digest(
                cards.code_for(handle, member.id, ctx.code_key), ctx.code_key
            )
    chosen = [(new.contact_id, ContactRole.CONTACT), (new.deputy_id, ContactRole.DEPUTY)]
    chosen.append((new.second_contact_id, ContactRole.CONTACT))
    for staff_id, role in chosen:
        if staff_id is None:
            continue
        session.add(
            FamilyContact(
                arrangement_id=arrangement.id, staff_id=staff_id, role=role, starts_on=ctx.today
            )
        )
        notify.proposed(
            session, session.get(StaffMember, staff_id), role, arrangement, ctx.base_url, ctx.now
        )
    event(session, arrangement, "proposed", ctx.today, staff_id=staff.id)
    audit.record(
        session, staff.id, "create_family_arrangement", ctx.now, subject=_subject(arrangement)
    )
    refresh(session, load(session, arrangement), ctx.today)
    session.commit()
    return arrangement, handle


def _subject(arrangement: FamilyArrangement) -> tuple[str, int]:
    return (SUBJECT, arrangement.id)


# -- the family page -----------------------------------------------------------------


def member_by_code(session: Session, raw_code: str, key: str) -> FamilyMember | None:
    """The member behind a code; None for an unknown, revoked or deleted one alike."""
    stored = cards.digest(raw_code, key)
    if stored is None:
        return None
    return session.exec(select(FamilyMember).where(FamilyMember.code_digest == stored)).first()


ANSWER_ACTIONS = {
    MemberAnswer.CONFIRMED: rules.Action.CONFIRM,
    MemberAnswer.OTHER: rules.Action.ASK_CHANGE,
    MemberAnswer.DISAGREE: rules.Action.DISAGREE,
}


def allowed(facts: Facts, member: FamilyMember, today: date) -> frozenset[rules.Action]:
    return rules.family_actions(facts.arrangement.state, member, facts.members, today)


def answer(
    session: Session,
    facts: Facts,
    member: FamilyMember,
    given: MemberAnswer,
    reason: str,
    ctx: Context,
) -> None:
    """ "Yes, this person", "we would like someone else" or "we don't agree with how this goes".

    Each member's answer is kept apart, so two parents who disagree are both recorded and
    the arrangement is not agreed until they agree.
    """
    if ANSWER_ACTIONS[given] not in allowed(facts, member, ctx.today):
        raise FamilyError("not_allowed")
    arrangement = facts.arrangement
    member.answer, member.answer_round, member.answered_on = (
        given,
        arrangement.proposal_round,
        ctx.today,
    )
    session.add(member)
    event(session, arrangement, f"answer_{given.value}", ctx.today, member_id=member.id)
    if given is not MemberAnswer.CONFIRMED:
        _request(session, facts, member, given, reason.strip(), ctx)
    refresh(session, load(session, arrangement), ctx.today)
    session.commit()


def _request(
    session: Session,
    facts: Facts,
    member: FamilyMember,
    given: MemberAnswer,
    reason: str,
    ctx: Context,
) -> None:
    kind = RequestKind.CHANGE if given is MemberAnswer.OTHER else RequestKind.DISAGREE
    already = next(
        (r for r in facts.open_requests() if r.member_id == member.id and r.kind is kind), None
    )
    if already is not None:  # asked again (or a double click): one request, the newest reason
        already.reason = reason or already.reason
        session.add(already)
        return
    days = ctx.terms.change_request_days if kind is RequestKind.CHANGE else ctx.terms.dispute_days
    session.add(
        FamilyRequest(
            arrangement_id=facts.arrangement.id,
            member_id=member.id,
            kind=kind,
            reason=reason,
            made_on=ctx.today,
            due_on=ctx.today + timedelta(days=days),
        )
    )
    if kind is RequestKind.CHANGE:
        facts.arrangement.change_requests += 1
    shown = facts.shown(ctx.today)
    answering = [facts.staff[c.staff_id] for c in shown.contacts]
    if shown.deputy is not None and (shown.deputy_first or not answering):
        answering.append(facts.staff[shown.deputy.staff_id])
    notify.to_contacts(session, answering, facts.arrangement, ctx.base_url, ctx.now)


def set_email(
    session: Session,
    facts: Facts,
    member: FamilyMember,
    email: str | None,
    language: str,
    ctx: Context,
) -> None:
    if rules.Action.EMAIL not in allowed(facts, member, ctx.today):
        raise FamilyError("not_allowed")
    member.email, member.language = (email.strip().lower() if email else None), language
    session.add(member)
    event(session, facts.arrangement, "email" if email else "email_removed", ctx.today, member.id)
    session.commit()


def allow_parents(
    session: Session, facts: Facts, member: FamilyMember, allow: bool, ctx: Context
) -> None:
    """A youth of 18 or older decides whether the parents may still read the family page."""
    if rules.Action.ALLOW_PARENTS not in allowed(facts, member, ctx.today):
        raise FamilyError("not_allowed")
    member.parents_may_read = allow
    session.add(member)
    event(
        session,
        facts.arrangement,
        "parents_allowed" if allow else "parents_not_allowed",
        ctx.today,
        member.id,
    )
    refresh(session, load(session, facts.arrangement), ctx.today)
    session.commit()
