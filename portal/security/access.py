"""Who may open a route: every view declares it, once, with one of two decorators.

``public`` marks a page anyone may open; ``roles_required(...)`` a page for
signed-in staff (both factors) with one of the roles. A test walks the URL map
and fails on a view that declares neither, so a new route cannot forget it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for

from portal.models import StaffRole

View = Callable[..., Any]
PUBLIC = "public"


def public(view: View) -> View:
    """Anyone may open this page; it must store nothing that identifies them."""
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view


def roles_required(*roles: StaffRole) -> Callable[[View], View]:
    """Signed in with both factors and one of ``roles``; the view gets the staff member first."""
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            # Imported here: the staff blueprint imports this module.
            from portal.staff.auth import current_staff

            staff = current_staff()
            if staff is None:
                return redirect(url_for("staff.login", next=request.path))
            if staff.role not in allowed:
                abort(403)
            return view(staff, *args, **kwargs)

        wrapped.access = allowed  # type: ignore[attr-defined]
        return wrapped

    return decorator


def declared_access(view: View) -> object:
    return getattr(view, "access", None)
