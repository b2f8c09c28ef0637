"""Daily family-arrangement jobs: the rules that follow the calendar, and retention.

Both are idempotent: a step once taken is recorded (escalated_on, disputed_on, an
ended contact, a "turned_18" event), so a second run the same day does nothing new.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Select, delete, func, update
from sqlmodel import Session, select

from portal.models import (
    ArrangementState,
    ContactRole,
    FamilyAbsence,
    FamilyArrangement,
    FamilyContact,
    FamilyEvent,
    FamilyMember,
    FamilyRequest,
    RequestKind,
)
from portal.privacy.erasure import erase_traces

from . import notify, rules
from .context import Context, from_app
from .facts import Facts, event, load, refresh
from .workflow import tell_family

ERASED_TABLES = (
    "familyarrangement",
    "familymember",
    "familycontact",
    "familyabsence",
    "familyrequest",
    "familyevent",
)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (31, 30, 29, 28):  # the same day, or the month's last when it is shorter
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def apply_rules(session: Session, ctx: Context) -> Counter[str]:
    """Escalate overdue change requests, mark disputes, let a deputy step up for a closed
    account, ask an 18-year-old to confirm alone, and store each arrangement's state."""
    ids = session.exec(
        select(FamilyArrangement.id).where(
            FamilyArrangement.ended_on.is_(None), FamilyArrangement.purged_on.is_(None)
        )
    ).all()
    counts: Counter[str] = Counter()
    for arrangement_id in ids:
        facts = load(session, session.get(FamilyArrangement, arrangement_id))
        counts.update(_deadlines(session, facts, ctx))
        counts.update(_closed_accounts(session, facts, ctx))
        counts.update(_eighteenth_birthdays(session, facts, ctx))
        refresh(session, load(session, facts.arrangement), ctx.today)
        session.commit()
    return counts


def _deadlines(session: Session, facts: Facts, ctx: Context) -> Counter[str]:
    counts: Counter[str] = Counter()
    for request in facts.open_requests():
        if request.due_on >= ctx.today:
            continue
        if request.kind is RequestKind.CHANGE and request.escalated_on is None:
            # 10 days without an answer: the local-team coordinator takes it up (issue 10).
            request.escalated_on = ctx.today
            event(session, facts.arrangement, "escalated", ctx.today)
            notify.to_coordinators(session, facts.arrangement, "overdue", ctx.base_url, ctx.now)
            counts["escalated"] += 1
        elif request.kind is RequestKind.DISAGREE and request.disputed_on is None:
            # Seed 002 point 4: nobody waits weeks while professionals and family disagree.
            request.disputed_on = ctx.today
            facts.arrangement.disputes += 1
            event(session, facts.arrangement, "dispute", ctx.today)
            notify.to_coordinators(session, facts.arrangement, "disputed", ctx.base_url, ctx.now)
            tell_family(session, facts, ctx)
            counts["disputed"] += 1
        session.add(request)
    return counts


def _closed_accounts(session: Session, facts: Facts, ctx: Context) -> Counter[str]:
    """A contact person whose account was closed: the deputy steps up and the family is
    asked to choose (a new proposal round)."""
    counts: Counter[str] = Counter()
    holding = [c for c in facts.contacts if rules.holds_on(c, ctx.today)]
    closed = [c for c in holding if not facts.staff[c.staff_id].active]
    for contact in closed:
        contact.ends_on = max(ctx.today, contact.starts_on)
        session.add(contact)
        event(
            session,
            facts.arrangement,
            f"{contact.role.value}_left",
            ctx.today,
            staff_id=contact.staff_id,
        )
    still = [c for c in holding if c.role is ContactRole.CONTACT and c not in closed]
    lost_contact = any(c.role is ContactRole.CONTACT for c in closed) and not still
    if not lost_contact:
        if closed:
            tell_family(session, facts, ctx)
        return counts
    deputy = next((c for c in holding if c.role is ContactRole.DEPUTY and c not in closed), None)
    if deputy is not None:
        deputy.ends_on = max(ctx.today, deputy.starts_on)
        session.add(deputy)
        session.add(
            FamilyContact(
                arrangement_id=facts.arrangement.id,
                staff_id=deputy.staff_id,
                role=ContactRole.CONTACT,
                starts_on=ctx.today,
                reach=deputy.reach,
            )
        )
        event(session, facts.arrangement, "stepped_up", ctx.today, staff_id=deputy.staff_id)
        counts["stepped_up"] += 1
    else:
        notify.to_coordinators(session, facts.arrangement, "no_contact", ctx.base_url, ctx.now)
        counts["no_contact"] += 1
    facts.arrangement.proposal_round += 1  # the family chooses again
    tell_family(session, facts, ctx)
    return counts


def _eighteenth_birthdays(session: Session, facts: Facts, ctx: Context) -> Counter[str]:
    counts: Counter[str] = Counter()
    for member in facts.members:
        if not rules.needs_to_confirm_as_adult(member, ctx.today):
            continue
        told = session.exec(
            select(FamilyEvent.id).where(
                FamilyEvent.arrangement_id == facts.arrangement.id,
                FamilyEvent.member_id == member.id,
                FamilyEvent.kind == "turned_18",
            )
        ).first()
        if told is None:
            event(session, facts.arrangement, "turned_18", ctx.today, member_id=member.id)
            notify.to_family(session, [member], ctx.base_url, ctx.now)
            counts["turned_18"] += 1
    return counts


def _ended_long_ago(cutoff: date) -> Select:
    return select(FamilyArrangement.id).where(
        FamilyArrangement.ended_on.is_not(None),
        FamilyArrangement.ended_on <= cutoff,
        FamilyArrangement.purged_on.is_(None),
    )


def _unchanged_since(cutoff: date) -> Select:
    """Arrangements never ended whose last change (the newest entry in their history, or
    the proposal) is on or before ``cutoff``: forgotten ones are not kept for ever."""
    last = (
        select(
            FamilyEvent.arrangement_id.label("arrangement_id"),
            func.max(FamilyEvent.happened_on).label("last"),
        )
        .group_by(FamilyEvent.arrangement_id)
        .subquery()
    )
    return (
        select(FamilyArrangement.id)
        .outerjoin(last, last.c.arrangement_id == FamilyArrangement.id)
        .where(
            FamilyArrangement.ended_on.is_(None),
            FamilyArrangement.purged_on.is_(None),
            func.coalesce(last.c.last, FamilyArrangement.proposed_on) <= cutoff,
        )
    )


def apply_retention(session: Session, ctx: Context) -> int:
    """Delete what identifies a family a term after the arrangement ended, or a (longer)
    term after its last change when it was never ended; the counts on the arrangement and
    the organisations involved stay for the indicators."""
    ended = list(
        session.exec(_ended_long_ago(months_before(ctx.today, ctx.terms.retention_months)))
    )
    stale = list(session.exec(_unchanged_since(months_before(ctx.today, ctx.terms.stale_months))))
    ids = ended + stale
    if not ids:
        return 0
    for model in (FamilyEvent, FamilyRequest, FamilyAbsence, FamilyContact, FamilyMember):
        session.exec(delete(model).where(model.arrangement_id.in_(ids)))
    emptied = {"label": "", "absence_rule": "", "multiple_contacts_reason": "", "made_by_id": None}
    session.exec(
        update(FamilyArrangement)
        .where(FamilyArrangement.id.in_(ids))
        .values(**emptied, purged_on=ctx.today)
    )
    if stale:  # nobody ended it: it ends now, so nothing treats it as running
        session.exec(
            update(FamilyArrangement)
            .where(FamilyArrangement.id.in_(stale))
            .values(ended_on=ctx.today, state=ArrangementState.ENDED)
        )
    session.commit()
    return len(ids)


# -- what the scheduler runs (portal/operations/scheduler.py), in the app context -----------------


def family_rules(session: Session) -> str:
    counts = apply_rules(session, from_app())
    return "family rules: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")


def retention(session: Session) -> str:
    emptied = apply_retention(session, from_app())
    result = f"family arrangements emptied {emptied}"
    if emptied:  # the deleted rows' bytes go from the database files too
        result += "; " + erase_traces(session.get_bind(), ERASED_TABLES)
    return result
