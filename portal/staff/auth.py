"""Staff sign-in for views: the session token lives in the signed session cookie,
the session itself on the server, so it can be ended there."""

from __future__ import annotations

from flask import current_app, g, session

from portal.db import get_session
from portal.models import StaffMember
from portal.security import accounts
from portal.timeutil import utcnow

TOKEN_KEY = "staff_token"  # noqa: S105  (a session key name)


def policy() -> accounts.Policy:
    config = current_app.config
    return accounts.Policy(
        max_failures=config["LOGIN_MAX_FAILURES"],
        lock_minutes=config["LOGIN_LOCK_MINUTES"],
        idle_minutes=config["STAFF_IDLE_MINUTES"],
        absolute_hours=config["STAFF_ABSOLUTE_HOURS"],
    )


def current_staff() -> StaffMember | None:
    if "staff" not in g:
        token = session.get(TOKEN_KEY, "")
        g.staff = (
            accounts.session_staff(get_session(), token, utcnow(), policy()) if token else None
        )
    return g.staff
