"""Staff accounts and their server-side sessions (so a session can be ended)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type
from .organisation import OrganisationKind


class StaffRole(StrEnum):
    PROVIDER = "provider"  # answers complaints of their own provider or local team
    COMMITTEE_SECRETARY = "committee_secretary"  # runs the committee's procedure
    COMMITTEE_MEMBER = "committee_member"  # hears and judges formal complaints
    CONFIDANT = "confidant"  # vertrouwenspersoon of a confidant service
    CONFIDANT_COORDINATOR = "confidant_coordinator"  # assigns the service's requests
    PLATFORM_MEMBER = "platform_member"  # client platform: aggregates only
    # Local-team coordinator: sees the family arrangements of the team's municipalities and
    # gets their overdue change requests and disputes (issue 10).
    FAMILY_COORDINATOR = "family_coordinator"
    ADMINISTRATOR = "administrator"  # keeps organisations and staff; reads the audit log


# The one kind of organisation each role belongs to (administrators: none).
ROLE_ORGANISATION: dict[StaffRole, OrganisationKind | None] = {
    StaffRole.PROVIDER: OrganisationKind.PROVIDER,
    StaffRole.COMMITTEE_SECRETARY: OrganisationKind.COMMITTEE,
    StaffRole.COMMITTEE_MEMBER: OrganisationKind.COMMITTEE,
    StaffRole.CONFIDANT: OrganisationKind.CONFIDANT_SERVICE,
    StaffRole.CONFIDANT_COORDINATOR: OrganisationKind.CONFIDANT_SERVICE,
    StaffRole.PLATFORM_MEMBER: OrganisationKind.CLIENT_PLATFORM,
    StaffRole.FAMILY_COORDINATOR: OrganisationKind.PROVIDER,
    StaffRole.ADMINISTRATOR: None,
}
COMMITTEE_ROLES = frozenset({StaffRole.COMMITTEE_SECRETARY, StaffRole.COMMITTEE_MEMBER})


class StaffMember(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=120)
    role: StaffRole = Field(sa_type=enum_type(StaffRole))
    # The one organisation (see ROLE_ORGANISATION): a provider for provider staff,
    # an Organisation for committee, confidant and platform staff; none for administrators.
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    password_hash: str = Field(max_length=200)
    totp_secret: str = Field(max_length=64)
    # Highest TOTP time step accepted so far: a code is never accepted twice.
    last_totp_step: int = Field(default=0)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = None
    active: bool = Field(default=True)
    created_at: datetime


class StaffSession(SQLModel, table=True):
    # sha256 of the random token in the browser's cookie.
    id: str = Field(primary_key=True, max_length=64)
    staff_id: int = Field(foreign_key="staffmember.id", index=True, ondelete="CASCADE")
    created_at: datetime
    last_seen_at: datetime
    second_factor_done: bool = Field(default=False)
    ended_at: datetime | None = None
