"""A demo family arrangement: the local team and one provider around one family, with a
coordinator, and family codes that `flask demo logins` prints. Never in production: the
demo loader refuses it there, and the codes follow from a published handle."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from portal.demo.complaints import DEMO_PASSWORD
from portal.families import cards
from portal.families.context import Context, Terms
from portal.families.service import NewArrangement, NewMember, create
from portal.models import (
    FamilyArrangement,
    FamilyMember,
    MemberRole,
    Provider,
    ProviderMunicipality,
    StaffRole,
)
from portal.security import accounts

LOCAL_TEAM = "samen-verder"
LABEL = "Demo-gezin D."
HANDLE = "demo-family-cards"  # codes follow from it, so `demo logins` can print them


def _professional(
    session: Session, email: str, name: str, provider: Provider, role: StaffRole, now
):
    return accounts.create_staff(session, email, name, role, DEMO_PASSWORD, now, provider.id)


def load(session: Session, code_key: str, now: datetime, base_url: str) -> str:
    team = session.exec(select(Provider).where(Provider.slug == LOCAL_TEAM)).first()
    if team is None:
        return "Demo family arrangement: no local team; nothing loaded."
    served = select(ProviderMunicipality.municipality_id).where(
        ProviderMunicipality.provider_id == team.id
    )
    pair = session.exec(
        select(ProviderMunicipality)
        .where(
            ProviderMunicipality.municipality_id.in_(served),
            ProviderMunicipality.provider_id != team.id,
        )
        .order_by(ProviderMunicipality.municipality_id, ProviderMunicipality.provider_id)
    ).first()
    if pair is None:
        return "Demo family arrangement: no second organisation; nothing loaded."
    other = session.get(Provider, pair.provider_id)
    coach = _professional(
        session,
        f"gezinscoach@{team.slug}.example",
        "Fatima (gezinscoach)",
        team,
        StaffRole.PROVIDER,
        now,
    )
    helper = _professional(
        session,
        f"begeleider@{other.slug}.example",
        "Bram (begeleider)",
        other,
        StaffRole.PROVIDER,
        now,
    )
    _professional(
        session,
        f"coordinator@{team.slug}.example",
        "Coördinator wijkteam",
        team,
        StaffRole.FAMILY_COORDINATOR,
        now,
    )
    ctx = Context(Terms(), code_key, base_url, now)
    youth_born = date(ctx.today.year - 14, 3, 1)
    arrangement, _ = create(
        session,
        coach,
        NewArrangement(
            municipality_id=pair.municipality_id,
            label=LABEL,
            helpers={team.id: 1, other.id: 2},
            members=[
                NewMember("D.", MemberRole.YOUTH, youth_born),
                NewMember("Mama", MemberRole.PARENT_WITH_AUTHORITY),
                NewMember("Papa", MemberRole.PARENT_WITHOUT_AUTHORITY),
                NewMember("Oma", MemberRole.NETWORK),
            ],
            contact_id=coach.id,
            deputy_id=helper.id,
        ),
        ctx,
    )
    for member in _members(session, arrangement):
        if member.code_digest:
            member.code_digest = cards.digest(cards.code_for(HANDLE, member.id, code_key), code_key)
            session.add(member)
    session.commit()
    return f"Demo family arrangement: {LABEL} in the local team {team.name} with {other.name}."


def _members(session: Session, arrangement: FamilyArrangement) -> list[FamilyMember]:
    return list(
        session.exec(select(FamilyMember).where(FamilyMember.arrangement_id == arrangement.id))
    )


def code_lines(session: Session, code_key: str) -> list[str]:
    """The demo family's codes, for `flask demo logins`; nothing when there is no demo."""
    arrangement = session.exec(
        select(FamilyArrangement).where(FamilyArrangement.label == LABEL)
    ).first()
    if arrangement is None:
        return []
    lines = ["Demo family page /family/ (codes of the demo family):"]
    for member in _members(session, arrangement):
        code = cards.code_for(HANDLE, member.id, code_key)
        if member.code_digest and cards.digest(code, code_key) == member.code_digest:
            lines.append(f"  {member.name} ({member.role.value}): {code}")
    return lines
