"""Staff accounts: argon2id passwords, TOTP that is never accepted twice,
per-account login throttling, and server-side sessions that can be ended."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

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
# Verifying against this keeps unknown e-mail addresses as slow as known ones.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


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


class LoginStatus(StrEnum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"


def check_password(
    session: Session, email: str, password: str, now: datetime, policy: Policy
) -> tuple[LoginStatus, StaffMember | None]:
    """First factor. Too many failures lock the account for a while."""
    staff = session.exec(
        select(StaffMember).where(StaffMember.email == email.strip().lower(), StaffMember.active)
    ).first()
    if staff is None:
        _verify(_DUMMY_HASH, password)
        return LoginStatus.INVALID, None
    if staff.locked_until is not None and staff.locked_until > now:
        return LoginStatus.LOCKED, None
    if not _verify(staff.password_hash, password):
        staff.failed_logins += 1
        if staff.failed_logins >= policy.max_failures:
            staff.locked_until = now + timedelta(minutes=policy.lock_minutes)
            staff.failed_logins = 0
        session.add(staff)
        session.commit()
        return LoginStatus.INVALID, None
    if _hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = _hasher.hash(password)
    staff.failed_logins = 0
    staff.locked_until = None
    session.add(staff)
    session.commit()
    return LoginStatus.OK, staff


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_totp(
    session: Session, staff: StaffMember, code: str, now: datetime, policy: Policy
) -> bool:
    """Second factor: a code of the current or a neighbouring 30 s step, used once."""
    code = "".join(ch for ch in code if ch.isdigit())
    totp = pyotp.TOTP(staff.totp_secret)
    for offset in (-1, 0, 1):
        moment = now + timedelta(seconds=30 * offset)
        step = totp.timecode(moment)
        if secrets.compare_digest(totp.at(moment), code) and step > staff.last_totp_step:
            # Conditional update: two requests with the same code cannot both pass.
            result = session.exec(
                update(StaffMember)
                .where(StaffMember.id == staff.id, StaffMember.last_totp_step < step)
                .values(last_totp_step=step, failed_logins=0)
            )
            session.commit()
            session.refresh(staff)
            return result.rowcount == 1
    staff.failed_logins += 1
    if staff.failed_logins >= policy.max_failures:
        staff.locked_until = now + timedelta(minutes=policy.lock_minutes)
        staff.failed_logins = 0
    session.add(staff)
    session.commit()
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


def complete_second_factor(session: Session, token: str) -> None:
    row = session.get(StaffSession, _digest(token))
    if row is not None:
        row.second_factor_done = True
        session.add(row)
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


def end_all_sessions(session: Session, staff_id: int, now: datetime, keep_token: str = "") -> None:
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
    session.commit()


def change_password(
    session: Session, staff: StaffMember, current: str, new: str, now: datetime, keep_token: str
) -> None:
    """Set a new password and end every other session of this staff member."""
    if not _verify(staff.password_hash, current):
        raise AccountError("wrong_password")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short")
    staff.password_hash = _hasher.hash(new)
    session.add(staff)
    session.commit()
    end_all_sessions(session, staff.id, now, keep_token)


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
