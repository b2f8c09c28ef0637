"""Which arrangements a professional may see, and who may be chosen as contact person.

Need to know, not the whole organisation: a professional sees the arrangements they made
and those where they are (or will be, after a handover) the contact person or deputy; a
contact person or deputy still on it when it ended keeps seeing it. The local-team
coordinator (FAMILY_COORDINATOR) sees every arrangement in the municipalities their team
serves (issue 10). Anything else is "not found", so nothing about other families is
revealed. Every list and page view is audited (workflow.viewed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, false, or_
from sqlmodel import Session, select

from portal.models import (
    ArrangementState,
    FamilyArrangement,
    FamilyContact,
    Municipality,
    ProviderMunicipality,
    StaffMember,
    StaffRole,
)
from portal.timeutil import dutch_day, utcnow
from portal.web import paging

PAGE_SIZE = 20
FAMILY_ROLES = (StaffRole.PROVIDER, StaffRole.FAMILY_COORDINATOR)


def served_municipalities(session: Session, provider_id: int | None) -> list[Municipality]:
    if provider_id is None:
        return []
    return list(
        session.exec(
            select(Municipality)
            .join(ProviderMunicipality, ProviderMunicipality.municipality_id == Municipality.id)
            .where(ProviderMunicipality.provider_id == provider_id)
            .order_by(Municipality.name)
        )
    )


def sees_whole_municipality(staff: StaffMember) -> bool:
    """Only the local-team coordinator; other local-team professionals see their own."""
    return staff.role is StaffRole.FAMILY_COORDINATOR


def _visible(session: Session, staff: StaffMember, today: date | None = None) -> Any:
    if staff.role not in FAMILY_ROLES or staff.provider_id is None:
        return select(FamilyArrangement).where(false())  # matches nothing
    today = today or dutch_day(utcnow())
    named = exists().where(
        FamilyContact.arrangement_id == FamilyArrangement.id,
        FamilyContact.staff_id == staff.id,
        or_(
            FamilyContact.ends_on.is_(None),
            FamilyContact.ends_on > today,
            and_(
                FamilyArrangement.ended_on.is_not(None),
                FamilyContact.ends_on >= FamilyArrangement.ended_on,
            ),
        ),
    )
    own = [FamilyArrangement.made_by_id == staff.id, named]
    if sees_whole_municipality(staff):
        served = select(ProviderMunicipality.municipality_id).where(
            ProviderMunicipality.provider_id == staff.provider_id
        )
        own.append(FamilyArrangement.municipality_id.in_(served))
    return select(FamilyArrangement).where(or_(*own), FamilyArrangement.purged_on.is_(None))


def may_issue_cards(staff: StaffMember, arrangement: FamilyArrangement) -> bool:
    """A new card (and so a new way into the family page) only from the organisation that
    made the arrangement, or from the local-team coordinator."""
    if staff.role is StaffRole.FAMILY_COORDINATOR:
        return True
    return staff.role is StaffRole.PROVIDER and staff.provider_id == arrangement.provider_id


def arrangement_for_staff(
    session: Session, staff: StaffMember, arrangement_id: int
) -> FamilyArrangement | None:
    return session.exec(
        _visible(session, staff).where(FamilyArrangement.id == arrangement_id)
    ).first()


@dataclass(frozen=True)
class Listing:
    arrangements: list[FamilyArrangement]
    municipalities: dict[int, str]
    page: int
    pages: int
    total: int


def listing(
    session: Session, staff: StaffMember, state: ArrangementState | None, page: int
) -> Listing:
    statement = _visible(session, staff)
    if state is not None:
        statement = statement.where(FamilyArrangement.state == state)
    else:
        statement = statement.where(FamilyArrangement.state != ArrangementState.ENDED)
    shown = paging.window(session, statement, page, PAGE_SIZE)
    rows = list(
        session.exec(
            statement.order_by(FamilyArrangement.proposed_on.desc(), FamilyArrangement.id.desc())
            .offset(shown.offset)
            .limit(shown.size)
        )
    )
    ids = {a.municipality_id for a in rows}
    names = {
        m.id: m.name for m in session.exec(select(Municipality).where(Municipality.id.in_(ids)))
    }
    return Listing(rows, names, shown.page, shown.pages, shown.total)


def team_members(session: Session, provider_ids: set[int]) -> list[StaffMember]:
    """Professionals who may be contact person or deputy: active staff of the organisations
    involved."""
    if not provider_ids:
        return []
    return list(
        session.exec(
            select(StaffMember)
            .where(
                StaffMember.provider_id.in_(provider_ids),
                StaffMember.role.in_(FAMILY_ROLES),
                StaffMember.active,
            )
            .order_by(StaffMember.name)
        )
    )
