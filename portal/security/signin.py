"""Checking a staff member's secrets: password, TOTP code, current password.

Design, and why:

- Every wrong secret counts on the account: a wrong password, a wrong code in
  the half-signed-in session, a wrong current password on the password page.
  Knowing the password therefore buys no fresh guesses at the code: the counter
  goes back to zero only when both factors succeed.
- From ``Policy.max_failures`` on, every further failure makes the account wait
  before any secret is checked again: 1, 2, 4 … minutes, never longer than
  ``Policy.lock_minutes``. While it waits nothing is checked, so a right
  password gets the same answer as a wrong one and guessing stays slow.
- Attempts during the wait do not lengthen it and the wait is capped, so whoever
  types a colleague's address with wrong passwords delays that account by at
  most ``lock_minutes`` at a time, at the pace the in-memory per-client throttle
  (portal.security.ratelimit) allows; every failure and every wait is in the audit log.
  We chose this over "a right password and code always get in" because with two
  separate steps that would tell an attacker the password was right.
- Unknown, inactive and waiting accounts are verified against a dummy hash and
  get the same answer and the same audit write, so neither the message nor the
  time taken tells them apart. Unknown addresses are audited without the address.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

import pyotp
from sqlalchemy import update
from sqlmodel import Session, select

from portal import audit
from portal.models import StaffMember
from portal.security.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    Policy,
    end_all_sessions,
    hash_password,
    needs_rehash,
    verify_password,
)

# Verifying against this keeps unknown and waiting accounts as slow as known ones.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
FIRST_WAIT_MINUTES = 1
TOTP_STEP_SECONDS = 30


class LoginStatus(StrEnum):
    OK = "ok"
    INVALID = "invalid"
    # The account waits after too many failures: the caller ends any half session.
    LOCKED = "locked"


def waiting(staff: StaffMember, now: datetime) -> bool:
    return staff.locked_until is not None and staff.locked_until > now


def wait_after(failures: int, policy: Policy) -> timedelta | None:
    """How long the account waits after ``failures`` failures in a row (None: not yet)."""
    if failures < policy.max_failures:
        return None
    doublings = min(failures - policy.max_failures, 16)  # 2**16 minutes is past any cap
    return timedelta(minutes=min(FIRST_WAIT_MINUTES * 2**doublings, policy.lock_minutes))


def _fail(session: Session, staff: StaffMember, now: datetime, policy: Policy, action: str) -> bool:
    """Count one wrong secret in the caller's transaction; True when the account now waits."""
    staff.failed_logins += 1
    audit.record(session, staff.id, action, now)
    wait = wait_after(staff.failed_logins, policy)
    if wait is not None:
        staff.locked_until = now + wait
        audit.record(session, staff.id, "login_locked", now)
    session.add(staff)
    return wait is not None


def check_password(
    session: Session, email: str, password: str, now: datetime, policy: Policy
) -> tuple[LoginStatus, StaffMember | None]:
    """First factor. Known, unknown and waiting accounts cost the same work."""
    staff = session.exec(
        select(StaffMember).where(StaffMember.email == email.strip().lower(), StaffMember.active)
    ).first()
    if staff is None or waiting(staff, now):
        verify_password(_DUMMY_HASH, password)
        audit.record(session, staff.id if staff else None, "login_failed", now)
        session.commit()
        return (LoginStatus.LOCKED if staff else LoginStatus.INVALID), None
    if not verify_password(staff.password_hash, password):
        locked = _fail(session, staff, now, policy, "login_failed")
        session.commit()
        return (LoginStatus.LOCKED if locked else LoginStatus.INVALID), None
    if needs_rehash(staff.password_hash):
        staff.password_hash = hash_password(password)
        session.add(staff)
    session.commit()
    return LoginStatus.OK, staff


def check_totp(
    session: Session, staff: StaffMember, code: str, now: datetime, policy: Policy
) -> LoginStatus:
    """Second factor: a code of the current or the previous 30 s step (never a later
    one), used once. A wrong code counts as a failure of the account. On OK the
    transaction is left open for the caller to finish the sign-in in."""
    if waiting(staff, now):
        audit.record(session, staff.id, "login_code_failed", now)
        session.commit()
        return LoginStatus.LOCKED
    code = "".join(ch for ch in code if ch.isdigit())
    totp = pyotp.TOTP(staff.totp_secret)
    for moment in (now, now - timedelta(seconds=TOTP_STEP_SECONDS)):
        step = totp.timecode(moment)
        if step > staff.last_totp_step and totp.verify(code, for_time=moment):
            # Conditional update: two requests with the same code cannot both pass.
            result = session.exec(
                update(StaffMember)
                .where(StaffMember.id == staff.id, StaffMember.last_totp_step < step)
                .values(last_totp_step=step, failed_logins=0, locked_until=None)
            )
            if result.rowcount == 1:
                # Not committed: the caller completes the sign-in and audits it in the
                # same transaction.
                session.refresh(staff)
                return LoginStatus.OK
            break  # the same code won a race elsewhere: a failure like any other
    locked = _fail(session, staff, now, policy, "login_code_failed")
    session.commit()
    return LoginStatus.LOCKED if locked else LoginStatus.INVALID


def change_password(
    session: Session,
    staff: StaffMember,
    current: str,
    new: str,
    now: datetime,
    policy: Policy,
    keep_token: str,
) -> None:
    """Set a new password and end every other session, in one transaction. The current
    password is a login attempt: it waits and counts like the password step."""
    if waiting(staff, now):
        verify_password(_DUMMY_HASH, current)
        audit.record(session, staff.id, "password_change_failed", now)
        session.commit()
        raise AccountError("locked")
    if not verify_password(staff.password_hash, current):
        locked = _fail(session, staff, now, policy, "password_change_failed")
        session.commit()
        raise AccountError("locked" if locked else "wrong_password")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short")
    staff.password_hash = hash_password(new)
    session.add(staff)
    audit.record(session, staff.id, "change_password", now)
    end_all_sessions(session, staff.id, now, keep_token, commit=False)
    session.commit()
