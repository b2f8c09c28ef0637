"""Staff sign-in with a second factor, sign-out and the password page."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from portal import audit
from portal.db import get_session
from portal.models import COMMITTEE_ROLES, StaffMember, StaffRole
from portal.security import accounts, signin
from portal.security.access import public, roles_required
from portal.security.ratelimit import rate_limited
from portal.security.safe_redirect import local_path
from portal.timeutil import utcnow
from portal.web.forms import ConfirmForm

from .auth import TOKEN_KEY, policy
from .forms import LoginForm, PasswordForm, TotpForm

blueprint = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")

# One answer for a wrong password, an unknown address and an account that waits:
# an anonymous visitor learns nothing about which accounts exist or are waiting.
LOGIN_FAILED = _l(
    "Signing in did not work. Check your e-mail address and password. After several "
    "wrong tries, wait a few minutes before you try again."
)
WRONG_PASSWORD = _l("This is not your current password.")
CODE_FAILED = _l("This code is not right, or it was used already. Wait for the next code.")


@blueprint.route("/login", methods=["GET", "POST"])
@public
@rate_limited("staff_login", failures_only=True)
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form), 422 if form.errors else 200
    db, now = get_session(), utcnow()
    _, staff = signin.check_password(db, form.email.data, form.password.data, now, policy())
    if staff is None:
        form.password.errors.append(LOGIN_FAILED)
        return render_template("staff/login.html", form=form), 422
    session.clear()
    session[TOKEN_KEY] = accounts.open_session(db, staff, now)
    return redirect(url_for("staff.second_factor", next=local_path(_next())), code=303)


@blueprint.route("/login/code", methods=["GET", "POST"])
@public
@rate_limited("staff_login", failures_only=True)
def second_factor():
    db, now, token = get_session(), utcnow(), session.get(TOKEN_KEY, "")
    staff = accounts.session_staff(db, token, now, policy(), need_second_factor=False)
    if staff is None:
        return redirect(url_for("staff.login"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("staff/totp.html", form=form), 422 if form.errors else 200
    status = signin.check_totp(db, staff, form.code.data, now, policy())
    if status is signin.LoginStatus.LOCKED:
        return _signed_out_after_too_many(db, token, now)
    if status is not signin.LoginStatus.OK:
        form.code.errors.append(CODE_FAILED)
        return render_template("staff/totp.html", form=form), 422
    accounts.complete_second_factor(db, token, commit=False)
    audit.record(db, staff.id, "login", now)
    db.commit()  # the code's step, the session and the audit entry together
    return redirect(local_path(_next()) or url_for(home_of(staff.role)), code=303)


@blueprint.post("/logout")
@public
def logout():
    # Without a valid token nothing is ended or cleared: another site cannot sign anyone out.
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.end_session(get_session(), session.get(TOKEN_KEY, ""), utcnow())
    session.clear()
    return redirect(url_for("staff.login"), code=303)


@blueprint.route("/password", methods=["GET", "POST"])
@roles_required(*StaffRole)
@rate_limited("staff_login", failures_only=True)
def password(staff: StaffMember):
    form = PasswordForm()
    if form.validate_on_submit():
        db, now, token = get_session(), utcnow(), session.get(TOKEN_KEY, "")
        try:
            signin.change_password(
                db, staff, form.current.data, form.new.data, now, policy(), token
            )
            return render_template(
                "staff/password.html", form=PasswordForm(formdata=None), changed=True
            )
        except accounts.AccountError as error:
            if error.reason == "locked":
                return _signed_out_after_too_many(db, token, now)
            form.current.errors.append(WRONG_PASSWORD)
    return render_template("staff/password.html", form=form), 422 if form.errors else 200


def _signed_out_after_too_many(db: Session, token: str, now: datetime):
    """The account now waits: end this session, so the next try starts at the password."""
    accounts.end_session(db, token, now)
    session.clear()
    form = LoginForm(formdata=None)
    form.password.errors = [LOGIN_FAILED]
    return render_template("staff/login.html", form=form), 422


def _next() -> str:
    return request.args.get("next", "")


def home_of(role: StaffRole) -> str:
    """Where each role starts after signing in."""
    if role is StaffRole.ADMINISTRATOR:
        return "admin.index"
    if role in COMMITTEE_ROLES:
        return "committee.inbox"
    if role is StaffRole.PROVIDER:
        return "staff.inbox"
    if role in (StaffRole.CONFIDANT, StaffRole.CONFIDANT_COORDINATOR):
        return "desk.queue"
    if role is StaffRole.FAMILY_COORDINATOR:
        return "families.index"
    if role is StaffRole.PLATFORM_MEMBER:
        return "platform.index"
    return "staff.password"  # roles whose workspace comes with a later feature
