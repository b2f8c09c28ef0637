"""Staff accounts and their server-side sessions (so a session can be ended)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type


class StaffRole(StrEnum):
    PROVIDER = "provider"  # answers complaints of their own provider
    ADMINISTRATOR = "administrator"  # keeps organisations and staff; reads the audit log


class StaffMember(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=120)
    role: StaffRole = Field(sa_type=enum_type(StaffRole))
    # The organisation: set for provider staff, empty for administrators.
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
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
