"""Staff sign-in for views: the session token lives in the signed session cookie,
the session itself on the server, so it can be ended there."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, request, session, url_for

from portal import accounts
from portal.db import get_session
from portal.models import StaffMember, StaffRole
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


def role_required(role: StaffRole) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed in (both factors) with ``role``; the view receives the staff member first."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            staff = current_staff()
            if staff is None:
                return redirect(url_for("staff.login", next=request.path))
            if staff.role is not role:
                abort(403)
            return view(staff, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(StaffRole.PROVIDER)
admin_required = role_required(StaffRole.ADMINISTRATOR)
