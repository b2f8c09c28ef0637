"""Staff accounts: argon2id passwords, TOTP secrets and server-side sessions that can
be ended. Checking the secrets at sign-in (and the back-off) is portal.security.signin."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, select

from portal import audit
from portal.models import (
    ROLE_ORGANISATION,
    Organisation,
    OrganisationKind,
    StaffMember,
    StaffRole,
    StaffSession,
)

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()  # argon2id with the library's current defaults


@dataclass(frozen=True)
class Policy:
    max_failures: int = 5
    lock_minutes: int = 15
    idle_minutes: int = 30
    absolute_hours: int = 10


class AccountError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def create_staff(
    session: Session,
    email: str,
    name: str,
    role: StaffRole,
    password: str,
    now: datetime,
    provider_id: int | None = None,
    organisation_id: int | None = None,
) -> StaffMember:
    """A staff account bound to the one organisation its role belongs to."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short")
    kind = ROLE_ORGANISATION[role]
    if kind is OrganisationKind.PROVIDER and provider_id is None:
        raise AccountError("provider_required")
    if kind not in (None, OrganisationKind.PROVIDER):
        organisation = session.get(Organisation, organisation_id) if organisation_id else None
        if organisation is None or organisation.kind is not kind:
            raise AccountError("organisation_required")
    email = email.strip().lower()
    if session.exec(select(StaffMember).where(StaffMember.email == email)).first():
        raise AccountError("email_taken")
    staff = StaffMember(
        email=email,
        name=name.strip(),
        role=role,
        provider_id=provider_id if kind is OrganisationKind.PROVIDER else None,
        organisation_id=organisation_id if kind not in (None, OrganisationKind.PROVIDER) else None,
        password_hash=_hasher.hash(password),
        totp_secret=pyotp.random_base32(),
        created_at=now,
    )
    session.add(staff)
    session.commit()
    return staff


def provisioning_uri(staff: StaffMember) -> str:
    return pyotp.TOTP(staff.totp_secret).provisioning_uri(name=staff.email, issuer_name="Klankbord")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, staff: StaffMember, now: datetime) -> str:
    """A new server-side session, waiting for the second factor; returns the cookie token."""
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(id=_digest(token), staff_id=staff.id, created_at=now, last_seen_at=now)
    )
    session.commit()
    return token


def complete_second_factor(session: Session, token: str, commit: bool = True) -> None:
    """``commit=False`` leaves it to the caller's transaction (with its audit entry)."""
    row = session.get(StaffSession, _digest(token))
    if row is not None:
        row.second_factor_done = True
        session.add(row)
    if commit:
        session.commit()


def session_staff(
    session: Session, token: str, now: datetime, policy: Policy, need_second_factor: bool = True
) -> StaffMember | None:
    """The staff member of a live session, or None when ended, idle or too old."""
    row = session.get(StaffSession, _digest(token)) if token else None
    if row is None or row.ended_at is not None:
        return None
    if need_second_factor and not row.second_factor_done:
        return None
    idle = now - row.last_seen_at > timedelta(minutes=policy.idle_minutes)
    too_old = now - row.created_at > timedelta(hours=policy.absolute_hours)
    staff = session.get(StaffMember, row.staff_id)
    if idle or too_old or staff is None or not staff.active:
        row.ended_at = now
        session.add(row)
        session.commit()
        return None
    row.last_seen_at = now
    session.add(row)
    session.commit()
    return staff


def end_session(session: Session, token: str, now: datetime) -> None:
    row = session.get(StaffSession, _digest(token))
    if row is not None and row.ended_at is None:
        row.ended_at = now
        session.add(row)
        session.commit()


def end_all_sessions(
    session: Session, staff_id: int, now: datetime, keep_token: str = "", commit: bool = True
) -> None:
    """End every session but ``keep_token``'s; ``commit=False`` leaves it to the caller's
    transaction."""
    keep = _digest(keep_token) if keep_token else ""
    session.exec(
        update(StaffSession)
        .where(
            StaffSession.staff_id == staff_id,
            StaffSession.ended_at.is_(None),
            StaffSession.id != keep,
        )
        .values(ended_at=now)
    )
    if commit:
        session.commit()


def deactivate(session: Session, admin: StaffMember, member_id: int, now: datetime) -> None:
    """Close an account and end its sessions; nobody deactivates themselves."""
    member = session.get(StaffMember, member_id)
    if member is None or member.id == admin.id:
        raise AccountError("not_allowed")
    member.active = False
    session.add(member)
    audit.record(session, admin.id, "deactivate_staff", now)
    session.commit()
    end_all_sessions(session, member.id, now)
