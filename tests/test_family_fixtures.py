"""A small region for the family-arrangement tests, and helpers to make arrangements.

Utrecht has a local team (Awb) with a coordinator and two providers; Zeist has a
provider that works elsewhere. Other family test modules import from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from portal.families import cards
from portal.families.context import Context, Terms
from portal.families.service import NewArrangement, NewMember, create
from portal.models import (
    CareType,
    ComplaintRegime,
    FamilyArrangement,
    FamilyMember,
    MemberRole,
    Municipality,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
    StaffMember,
    StaffRole,
)
from tests.conftest import TEST_SECRET, add_staff

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
BASE_URL = "https://klankbord.test"


@dataclass
class Region:
    utrecht: Municipality
    zeist: Municipality
    team: Provider  # the local team
    vlinder: Provider
    kompas: Provider
    elders: Provider  # works in Zeist only
    worker: StaffMember  # De Vlinderboom
    colleague: StaffMember  # De Vlinderboom
    kompas_worker: StaffMember
    team_worker: StaffMember
    coordinator: StaffMember
    outsider: StaffMember  # Elders


def _provider(db: Session, name: str, slug: str, *places: Municipality, awb: bool = False):
    provider = Provider(
        name=name, slug=slug, regime=ComplaintRegime.AWB if awb else ComplaintRegime.JEUGDWET
    )
    db.add(provider)
    db.flush()
    for place in places:
        db.add(ProviderMunicipality(provider_id=provider.id, municipality_id=place.id))
    if awb:
        db.add(ProviderCareType(provider_id=provider.id, care_type=CareType.LOCAL_TEAM))
    db.commit()
    return provider


@pytest.fixture(name="region")
def region_fixture(db: Session) -> Region:
    utrecht = Municipality(name="Utrecht", cbs_code="GM0344")
    zeist = Municipality(name="Zeist", cbs_code="GM0355")
    db.add_all([utrecht, zeist])
    db.commit()
    team = _provider(db, "Wijkteam Utrecht", "wijkteam", utrecht, awb=True)
    vlinder = _provider(db, "De Vlinderboom", "vlinderboom", utrecht)
    kompas = _provider(db, "Kompas Gezinshulp", "kompas", utrecht, zeist)
    elders = _provider(db, "Elders Jeugdzorg", "elders", zeist)
    return Region(
        utrecht,
        zeist,
        team,
        vlinder,
        kompas,
        elders,
        add_staff(db, "sanne@vlinderboom.example", vlinder),
        add_staff(db, "ahmed@vlinderboom.example", vlinder),
        add_staff(db, "petra@kompas.example", kompas),
        add_staff(db, "joost@wijkteam.example", team),
        add_staff(db, "coordinator@wijkteam.example", team, StaffRole.FAMILY_COORDINATOR),
        add_staff(db, "els@elders.example", elders),
    )


def context(now: datetime = NOW, terms: Terms | None = None) -> Context:
    return Context(terms or Terms(), TEST_SECRET, BASE_URL, now)


def family(youth_born: date = date(2013, 5, 1), **extra: MemberRole) -> list[NewMember]:
    """A youth (13 on TODAY) and a mother with authority; ``extra``: name -> role."""
    members = [
        NewMember("J.", MemberRole.YOUTH, youth_born),
        NewMember("Mama", MemberRole.PARENT_WITH_AUTHORITY),
    ]
    return members + [NewMember(name, role) for name, role in extra.items()]


def arrange(
    db: Session,
    region: Region,
    members: list[NewMember] | None = None,
    deputy: bool = True,
    rule: str = "",
    ctx: Context | None = None,
) -> tuple[FamilyArrangement, str]:
    """Sanne (De Vlinderboom) proposed, Petra (Kompas) deputy; returns the arrangement and
    the handle its cards are printed from."""
    new = NewArrangement(
        municipality_id=region.utrecht.id,
        label="Gezin J.",
        helpers={region.vlinder.id: 2, region.kompas.id: 1},
        members=members or family(),
        contact_id=region.worker.id,
        deputy_id=region.kompas_worker.id if deputy else None,
        absence_rule=rule,
    )
    return create(db, region.worker, new, ctx or context())


def code_of(handle: str, member: FamilyMember) -> str:
    return cards.code_for(handle, member.id, TEST_SECRET)


def test_the_region_has_a_local_team_and_an_arrangement_can_be_made(db, region):
    arrangement, handle = arrange(db, region)
    assert arrangement.state == "proposed" and arrangement.provider_id == region.vlinder.id
    assert len(handle) > 20
