"""Everything about one arrangement, loaded at once, and the state that follows from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from portal.models import (
    ArrangementState,
    FamilyAbsence,
    FamilyArrangement,
    FamilyContact,
    FamilyEvent,
    FamilyMember,
    FamilyOrganisation,
    FamilyRequest,
    Municipality,
    Provider,
    StaffMember,
)

from . import rules


@dataclass
class Facts:
    arrangement: FamilyArrangement
    members: list[FamilyMember]
    contacts: list[FamilyContact]
    absences: list[FamilyAbsence]
    requests: list[FamilyRequest]
    organisations: list[FamilyOrganisation]
    staff: dict[int, StaffMember]
    providers: dict[int, Provider]
    municipality: Municipality | None

    def shown(self, today: date) -> rules.Contacts:
        active = {s.id for s in self.staff.values() if s.active}
        return rules.contacts_on(self.contacts, self.absences, active, today)

    def state(self, today: date) -> ArrangementState:
        return rules.state_of(
            self.arrangement, self.members, self.shown(today), self.requests, today
        )

    @property
    def helpers(self) -> int:
        return sum(o.helpers for o in self.organisations)

    def open_requests(self) -> list[FamilyRequest]:
        return [r for r in self.requests if rules.is_open(r)]

    def member(self, member_id: int) -> FamilyMember | None:
        return next((m for m in self.members if m.id == member_id), None)

    def team(self) -> set[int]:
        """The organisations whose professionals may be contact person or deputy."""
        return {o.provider_id for o in self.organisations if o.helpers > 0}


def load(session: Session, arrangement: FamilyArrangement) -> Facts:
    def rows(model: type) -> list:  # any of the arrangement's own tables
        return list(
            session.exec(
                select(model).where(model.arrangement_id == arrangement.id).order_by(model.id)
            )
        )

    contacts = rows(FamilyContact)
    organisations = list(
        session.exec(
            select(FamilyOrganisation).where(FamilyOrganisation.arrangement_id == arrangement.id)
        )
    )
    staff_ids = {c.staff_id for c in contacts}
    staff = (
        {s.id: s for s in session.exec(select(StaffMember).where(StaffMember.id.in_(staff_ids)))}
        if staff_ids
        else {}
    )
    provider_ids = {o.provider_id for o in organisations} | {arrangement.provider_id}
    provider_ids |= {s.provider_id for s in staff.values() if s.provider_id}
    providers = {
        p.id: p for p in session.exec(select(Provider).where(Provider.id.in_(provider_ids)))
    }
    return Facts(
        arrangement,
        rows(FamilyMember),
        contacts,
        rows(FamilyAbsence),
        rows(FamilyRequest),
        sorted(organisations, key=lambda o: providers[o.provider_id].name),
        staff,
        providers,
        session.get(Municipality, arrangement.municipality_id),
    )


def event(
    session: Session,
    arrangement: FamilyArrangement,
    kind: str,
    today: date,
    member_id: int | None = None,
    staff_id: int | None = None,
) -> None:
    session.add(
        FamilyEvent(
            arrangement_id=arrangement.id,
            happened_on=today,
            kind=kind,
            member_id=member_id,
            staff_id=staff_id,
        )
    )


def refresh(session: Session, facts: Facts, today: date) -> ArrangementState:
    """Store the state that follows from the facts (in the caller's transaction), and what
    the indicators keep of the first agreement."""
    arrangement = facts.arrangement
    before, after = arrangement.state, facts.state(today)
    shown = facts.shown(today)
    if rules.all_deciders_confirmed(arrangement, facts.members, today):
        arrangement.family_confirmed = True
    if after is ArrangementState.AGREED and arrangement.agreed_on is None:
        arrangement.agreed_on = today
        arrangement.days_to_agreement = (today - arrangement.proposed_on).days
        arrangement.agreed_with_deputy = shown.deputy is not None
    if after is not before:
        event(session, arrangement, f"state_{after.value}", today)
    arrangement.state = after
    session.add(arrangement)
    return after
